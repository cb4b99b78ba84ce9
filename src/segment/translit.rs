//! Characters used to transliterate foreign names into Chinese.
//!
//! The set follows the common syllable characters of the Xinhua transliteration tables
//! (e.g. 阿 巴 达 尔 弗 格 基 克 拉 马 斯 特 …). It is general knowledge about Chinese
//! writing, used by the segmenter's merge rules and the entity rules; it lists no name.

/// The transliteration characters.
pub const TRANSLIT_CHARS: &str = "阿埃艾爱安昂奥澳巴拔芭拜班邦保鲍贝倍本比彼毕庇宾滨波玻伯泊博卜布步查察柴昌彻陈达\
答戴黛丹德迪狄蒂丁东董杜敦顿多朵俄厄鄂恩尔法凡范方菲费芬丰冯佛弗福甫富伏盖甘冈高戈哥格葛根\
贡古瓜圭桂哈海汉杭豪好赫黑亨洪侯胡华怀惠霍基吉加佳迦嘉贾简杰捷金晋京久居喀卡凯坎康考柯科\
可克肯孔库夸奎昆拉腊莱赖兰朗劳勒雷蕾累楞黎里理莉利丽连廉梁列林琳铃凌刘留柳龙隆娄卢鲁陆路\
伦罗洛玛马麦迈曼芒毛梅门蒙孟米密缅敏明摩莫默姆牟穆拿纳娜乃奈南楠内妮尼涅宁纽努诺欧帕潘庞\
培佩彭皮珀蒲普齐奇琪恰钱乔切钦琴丘秋屈热荣茹瑞若撒萨塞赛桑瑟森沙莎山尚绍舍申圣施什史士舒\
斯松苏素索塔泰坦汤唐陶特滕提蒂图托瓦万旺威韦维魏温文沃乌伍武西希锡夏谢辛欣休修许雅亚延扬\
耶叶伊依因英尤于约泽扎詹兹祖佐茨";

/// Whether `c` is a transliteration character.
pub fn is_translit(c: char) -> bool {
    // The string is short; a linear scan over ~450 chars is fast enough for the places that
    // call this (token merging, entity rules), and keeps the table readable.
    TRANSLIT_CHARS.contains(c)
}

/// Whether every char of `s` is a transliteration character (and `s` is not empty).
pub fn all_translit(s: &str) -> bool {
    !s.is_empty() && s.chars().all(is_translit)
}
