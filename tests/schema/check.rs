//! A small JSON Schema (draft 2020-12) checker for the subset of keywords that
//! `schema/*.schema.json` use. Any other keyword is an error, so a schema can never hold a
//! constraint that is silently not checked.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

/// Keywords that only annotate.
const ANNOTATIONS: &[&str] = &[
    "$schema",
    "$id",
    "$comment",
    "$defs",
    "title",
    "description",
];

/// Validate `value` against `root`; returns every violation as `path: message`.
pub fn validate(root: &Value, value: &Value) -> Vec<String> {
    let mut c = Checker {
        root,
        errors: Vec::new(),
        seen: BTreeSet::new(),
    };
    c.check(root, value, "$", "#");
    c.errors
}

/// Validate and also return the schema properties (`schema pointer/name`) that the value
/// exercised.
pub fn validate_seen(root: &Value, value: &Value) -> (Vec<String>, BTreeSet<String>) {
    let mut c = Checker {
        root,
        errors: Vec::new(),
        seen: BTreeSet::new(),
    };
    c.check(root, value, "$", "#");
    (c.errors, c.seen)
}

/// Every property that `root` declares, as `schema pointer/name`.
pub fn declared(root: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    walk_declared(root, "#", &mut out);
    out
}

fn walk_declared(s: &Value, ptr: &str, out: &mut BTreeSet<String>) {
    let Some(obj) = s.as_object() else { return };
    for (k, v) in obj {
        match k.as_str() {
            "properties" => {
                for (name, sub) in v.as_object().unwrap() {
                    out.insert(format!("{ptr}/{name}"));
                    walk_declared(sub, &format!("{ptr}/properties/{name}"), out);
                }
            }
            "$defs" => {
                for (name, sub) in v.as_object().unwrap() {
                    walk_declared(sub, &format!("{ptr}/$defs/{name}"), out);
                }
            }
            "items" | "additionalProperties" => walk_declared(v, &format!("{ptr}/{k}"), out),
            _ => {}
        }
    }
}

struct Checker<'a> {
    root: &'a Value,
    errors: Vec<String>,
    seen: BTreeSet<String>,
}

fn type_ok(t: &str, v: &Value) -> bool {
    match t {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "boolean" => v.is_boolean(),
        "null" => v.is_null(),
        "number" => v.is_number(),
        "integer" => v.is_i64() || v.is_u64(),
        other => panic!("unknown type {other}"),
    }
}

fn pattern_ok(p: &str, s: &str) -> bool {
    match p {
        "^[0-9a-f]{64}$" => {
            s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        }
        "\\.json$" => s.ends_with(".json"),
        other => panic!("pattern {other} is not supported by this checker; extend pattern_ok"),
    }
}

impl<'a> Checker<'a> {
    fn err(&mut self, path: &str, msg: String) {
        self.errors.push(format!("{path}: {msg}"));
    }

    fn resolve(&self, r: &str) -> (&'a Value, String) {
        let ptr = r
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("only local $ref: {r}"));
        let target = self
            .root
            .pointer(ptr)
            .unwrap_or_else(|| panic!("dangling $ref {r}"));
        (target, r.to_owned())
    }

    fn check(&mut self, schema: &Value, v: &Value, path: &str, ptr: &str) {
        let s = schema
            .as_object()
            .unwrap_or_else(|| panic!("{ptr}: schema is not an object"));
        for (k, kv) in s {
            match k.as_str() {
                k if ANNOTATIONS.contains(&k) => {}
                "$ref" => {
                    let (target, tptr) = self.resolve(kv.as_str().unwrap());
                    self.check(target, v, path, &tptr);
                }
                "type" => {
                    let ok = match kv {
                        Value::String(t) => type_ok(t, v),
                        Value::Array(ts) => ts.iter().any(|t| type_ok(t.as_str().unwrap(), v)),
                        _ => panic!("{ptr}: bad type"),
                    };
                    if !ok {
                        self.err(path, format!("expected {kv}, got {v}"));
                    }
                }
                "const" if kv != v => self.err(path, format!("expected {kv}, got {v}")),
                "enum" if !kv.as_array().unwrap().contains(v) => {
                    self.err(path, format!("{v} not in {kv}"))
                }
                "const" | "enum" => {}
                "minimum" | "maximum" => {
                    if let Some(x) = v.as_f64() {
                        let bound = kv.as_f64().unwrap();
                        let bad = if k == "minimum" { x < bound } else { x > bound };
                        if bad {
                            self.err(path, format!("{x} violates {k} {bound}"));
                        }
                    }
                }
                "minLength" | "maxLength" => {
                    if let Some(st) = v.as_str() {
                        let n = st.chars().count() as u64;
                        let bound = kv.as_u64().unwrap();
                        if (k == "minLength" && n < bound) || (k == "maxLength" && n > bound) {
                            self.err(path, format!("length {n} violates {k} {bound}"));
                        }
                    }
                }
                "pattern" => {
                    if let Some(st) = v.as_str()
                        && !pattern_ok(kv.as_str().unwrap(), st)
                    {
                        self.err(path, format!("{st:?} does not match {kv}"));
                    }
                }
                "minItems" => {
                    if let Some(a) = v.as_array()
                        && (a.len() as u64) < kv.as_u64().unwrap()
                    {
                        self.err(path, format!("{} items, fewer than {kv}", a.len()));
                    }
                }
                "uniqueItems" => {
                    if let Some(a) = v.as_array()
                        && kv == &Value::Bool(true)
                        && (1..a.len()).any(|i| a[..i].contains(&a[i]))
                    {
                        self.err(path, "items are not unique".to_owned());
                    }
                }
                "items" => {
                    if let Some(a) = v.as_array() {
                        for (i, item) in a.iter().enumerate() {
                            self.check(kv, item, &format!("{path}[{i}]"), &format!("{ptr}/items"));
                        }
                    }
                }
                "required" => {
                    if let Some(o) = v.as_object() {
                        for r in kv.as_array().unwrap() {
                            let r = r.as_str().unwrap();
                            if !o.contains_key(r) {
                                self.err(path, format!("missing required member {r:?}"));
                            }
                        }
                    }
                }
                "properties" => {
                    if let Some(o) = v.as_object() {
                        for (name, sub) in kv.as_object().unwrap() {
                            if let Some(member) = o.get(name) {
                                self.seen.insert(format!("{ptr}/{name}"));
                                let (p, sp) =
                                    (format!("{path}.{name}"), format!("{ptr}/properties/{name}"));
                                self.check(sub, member, &p, &sp);
                            }
                        }
                    }
                }
                "additionalProperties" => {
                    if let Some(o) = v.as_object() {
                        self.additional(s, kv, o, path, ptr);
                    }
                }
                other => panic!("{ptr}: keyword {other:?} is not supported by this checker"),
            }
        }
    }

    fn additional(
        &mut self,
        s: &Map<String, Value>,
        kv: &Value,
        o: &Map<String, Value>,
        path: &str,
        ptr: &str,
    ) {
        let known = s.get("properties").and_then(Value::as_object);
        for (name, member) in o {
            if known.is_some_and(|k| k.contains_key(name)) {
                continue;
            }
            match kv {
                Value::Bool(false) => self.err(path, format!("unexpected member {name:?}")),
                Value::Bool(true) => {}
                sub => {
                    let (p, sp) = (
                        format!("{path}.{name}"),
                        format!("{ptr}/additionalProperties"),
                    );
                    self.check(sub, member, &p, &sp);
                }
            }
        }
    }
}
