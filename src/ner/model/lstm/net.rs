//! The arithmetic of the stacked tagger: a bidirectional LSTM over char and bigram
//! embeddings and the base model's scores, a linear layer to label scores, and a Viterbi
//! search under the transition scores of a CRF.

/// A row-major matrix of `f32`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Matrix {
    /// Number of rows.
    pub rows: usize,
    /// Number of columns.
    pub cols: usize,
    /// `rows × cols` values, row after row.
    pub data: Vec<f32>,
}

impl Matrix {
    /// Row `r`.
    #[inline]
    pub fn row(&self, r: usize) -> &[f32] {
        &self.data[r * self.cols..(r + 1) * self.cols]
    }

    /// `out += self · x` (`x` has `cols` values, `out` has `rows`).
    pub fn mul_add(&self, x: &[f32], out: &mut [f32]) {
        debug_assert_eq!(x.len(), self.cols);
        for (o, r) in out.iter_mut().zip(self.data.chunks_exact(self.cols)) {
            *o += dot(r, x);
        }
    }
}

/// The dot product of two slices of equal length. On x86-64 processors with AVX2 and FMA
/// (checked once, at run time) a version compiled for them runs; elsewhere the same code
/// for the baseline.
#[inline]
pub(crate) fn dot(a: &[f32], b: &[f32]) -> f32 {
    #[cfg(target_arch = "x86_64")]
    {
        use std::sync::OnceLock;
        static FAST: OnceLock<bool> = OnceLock::new();
        let fast = *FAST.get_or_init(|| {
            std::arch::is_x86_feature_detected!("avx2")
                && std::arch::is_x86_feature_detected!("fma")
        });
        if fast {
            // SAFETY: the processor has AVX2 and FMA, checked just above.
            return unsafe { dot_avx2(a, b) };
        }
    }
    dot_lanes(a, b, |x, y, acc| x * y + acc)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
fn dot_avx2(a: &[f32], b: &[f32]) -> f32 {
    dot_lanes(a, b, f32::mul_add)
}

/// The dot product in eight lanes, which the compiler turns into vector instructions;
/// `step(x, y, acc)` is `x · y + acc`.
#[inline(always)]
fn dot_lanes(a: &[f32], b: &[f32], step: impl Fn(f32, f32, f32) -> f32) -> f32 {
    let mut acc = [0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let (ra, rb) = (ca.remainder(), cb.remainder());
    for (x, y) in ca.zip(cb) {
        for k in 0..8 {
            acc[k] = step(x[k], y[k], acc[k]);
        }
    }
    let mut s: f32 = acc.iter().sum();
    for (x, y) in ra.iter().zip(rb) {
        s += x * y;
    }
    s
}

/// One direction of an LSTM layer (PyTorch's gate order: input, forget, cell, output).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Lstm {
    /// `4h × input` weights of the input.
    pub w_ih: Matrix,
    /// `4h × h` weights of the previous hidden state.
    pub w_hh: Matrix,
    /// `4h` biases (PyTorch's two bias vectors summed).
    pub bias: Vec<f32>,
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

impl Lstm {
    /// Size of the hidden state.
    pub fn hidden(&self) -> usize {
        self.w_hh.cols
    }

    /// The hidden states over `inputs` (one row of `input` values per step), read forwards
    /// or backwards; `out[t]` is the state after step `t` whichever the direction.
    pub fn run(&self, inputs: &[Vec<f32>], backwards: bool) -> Vec<Vec<f32>> {
        let h = self.hidden();
        let n = inputs.len();
        let mut out = vec![Vec::new(); n];
        let (mut state, mut cell) = (vec![0f32; h], vec![0f32; h]);
        // The inputs' part of the gates, for all steps at once: a block of rows of the
        // weights stays in cache while every input is read.
        let mut pre: Vec<Vec<f32>> = vec![self.bias.clone(); n];
        const BLOCK: usize = 16;
        for r0 in (0..4 * h).step_by(BLOCK) {
            let r1 = (r0 + BLOCK).min(4 * h);
            for (x, p) in inputs.iter().zip(pre.iter_mut()) {
                for (r, g) in p.iter_mut().enumerate().take(r1).skip(r0) {
                    *g += dot(self.w_ih.row(r), x);
                }
            }
        }
        let mut gates = vec![0f32; 4 * h];
        for step in 0..n {
            let t = if backwards { n - 1 - step } else { step };
            gates.copy_from_slice(&pre[t]);
            self.w_hh.mul_add(&state, &mut gates);
            for k in 0..h {
                let i = sigmoid(gates[k]);
                let f = sigmoid(gates[h + k]);
                let g = gates[2 * h + k].tanh();
                let o = sigmoid(gates[3 * h + k]);
                cell[k] = f * cell[k] + i * g;
                state[k] = o * cell[k].tanh();
            }
            out[t] = state.clone();
        }
        out
    }
}

/// The best label path under `emissions` (one row of `labels` scores per char) and the
/// CRF's scores: `trans[a * labels + b]` for label `a` followed by `b`, `start` and `end`
/// for the first and last label. Pairs that `allowed(a, b)` refuses, and first / last
/// labels that `allowed_start` / `allowed_end` refuse, are never chosen.
pub(crate) fn viterbi(
    emissions: &[Vec<f32>],
    trans: &[f32],
    start: &[f32],
    end: &[f32],
    allowed: impl Fn(usize, usize) -> bool,
    allowed_start: impl Fn(usize) -> bool,
    allowed_end: impl Fn(usize) -> bool,
) -> Vec<u8> {
    let l = start.len();
    let n = emissions.len();
    if n == 0 {
        return Vec::new();
    }
    let neg = f32::NEG_INFINITY;
    let mut score: Vec<f32> = (0..l)
        .map(|y| {
            if allowed_start(y) {
                start[y] + emissions[0][y]
            } else {
                neg
            }
        })
        .collect();
    let mut back = vec![0u8; n * l];
    let mut next = vec![neg; l];
    for t in 1..n {
        for b in 0..l {
            let (mut best, mut arg) = (neg, 0);
            for a in 0..l {
                if score[a] == neg || !allowed(a, b) {
                    continue;
                }
                let s = score[a] + trans[a * l + b];
                if s > best {
                    (best, arg) = (s, a);
                }
            }
            next[b] = best + emissions[t][b];
            back[t * l + b] = arg as u8;
        }
        std::mem::swap(&mut score, &mut next);
    }
    let mut last = 0;
    let mut best = neg;
    for (y, &s) in score.iter().enumerate() {
        if allowed_end(y) && s + end[y] > best {
            (best, last) = (s + end[y], y);
        }
    }
    let mut path = vec![0u8; n];
    path[n - 1] = last as u8;
    for t in (1..n).rev() {
        path[t - 1] = back[t * l + usize::from(path[t])];
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_matches_a_plain_sum() {
        let a: Vec<f32> = (0..19).map(|x| x as f32 * 0.5).collect();
        let b: Vec<f32> = (0..19).map(|x| 1.0 - x as f32 * 0.25).collect();
        let plain: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
        assert!((dot(&a, &b) - plain).abs() < 1e-4);
    }

    #[test]
    fn lstm_step_by_hand() {
        // one hidden unit, one input: gates = w·x + bias
        let lstm = Lstm {
            w_ih: Matrix {
                rows: 4,
                cols: 1,
                data: vec![1.0, 0.0, 2.0, 0.5],
            },
            w_hh: Matrix {
                rows: 4,
                cols: 1,
                data: vec![0.0; 4],
            },
            bias: vec![0.0; 4],
        };
        let out = lstm.run(&[vec![1.0]], false);
        let (i, g, o) = (sigmoid(1.0), 2f32.tanh(), sigmoid(0.5));
        let want = o * (i * g).tanh();
        assert!((out[0][0] - want).abs() < 1e-6);
        // backwards, the last input is read first: with one step it is the same
        assert_eq!(lstm.run(&[vec![1.0]], true), out);
    }

    #[test]
    fn viterbi_keeps_to_allowed_pairs() {
        // label 1 scores best everywhere, but 1 → 1 is not allowed
        let em = vec![vec![0.0, 1.0], vec![0.0, 1.0], vec![0.0, 1.0]];
        let path = viterbi(
            &em,
            &[0.0; 4],
            &[0.0; 2],
            &[0.0; 2],
            |a, b| !(a == 1 && b == 1),
            |_| true,
            |_| true,
        );
        assert_eq!(path, vec![1, 0, 1]);
        let all = viterbi(
            &em,
            &[0.0; 4],
            &[0.0; 2],
            &[0.0; 2],
            |_, _| true,
            |_| true,
            |_| true,
        );
        assert_eq!(all, vec![1, 1, 1]);
    }
}
