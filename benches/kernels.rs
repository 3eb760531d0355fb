//! Micro-benchmarks of the CPU kernels through the IR (`cargo bench --bench kernels`):
//! medians of repeated runs, printed as a table. No harness crate: each case is timed
//! with `Instant` after a warm-up. `benches/compare.py` compares whole workloads with
//! NumPy and PyTorch; this isolates the kernels.

use nt::array::NdArray;
use nt::array::dtype::DType;
use nt::array::storage::Buffer;
use nt::ir::{BinaryOp, Op, ReduceOp, UnaryOp};
use std::time::Instant;

fn median_us(reps: usize, mut f: impl FnMut()) -> f64 {
    f();
    let mut t: Vec<f64> = (0..reps)
        .map(|_| {
            let t0 = Instant::now();
            f();
            t0.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    t.sort_by(|a, b| a.total_cmp(b));
    t[reps / 2]
}

fn f32s(n: usize, scale: f32) -> NdArray {
    NdArray::from_buffer(
        Buffer::F32((0..n).map(|i| (i as f32 / n as f32) * scale).collect()),
        &[n],
    )
}

fn run(op: Op, inputs: &[&NdArray]) -> NdArray {
    let out = nt::realise::run(op, inputs).expect("kernel");
    nt::realise::realize(&out).expect("realise");
    out
}

fn main() {
    let n = 1 << 20;
    let (a, b, c) = (f32s(n, 1.0), f32s(n, 0.5), f32s(n, 2.0));
    let two = NdArray::from_buffer(Buffer::F32(vec![2.0]), &[1]);
    let two = two.view(two.layout.broadcast_to(&[n]).expect("broadcast"));
    println!("{:<34}{:>12}", "kernel (float32, 2^20 elements)", "median µs");
    let cases: Vec<(&str, Box<dyn Fn()>)> = vec![
        ("a + b", Box::new(|| drop(run(Op::Binary(BinaryOp::Add), &[&a, &b])))),
        (
            "(a * 2 + b) ** 2 - c, fused",
            Box::new(|| {
                let x = nt::realise::run(Op::Binary(BinaryOp::Mul), &[&a, &two]).expect("mul");
                let x = nt::realise::run(Op::Binary(BinaryOp::Add), &[&x, &b]).expect("add");
                let x = nt::realise::run(Op::Binary(BinaryOp::Pow), &[&x, &two]).expect("pow");
                drop(run(Op::Binary(BinaryOp::Sub), &[&x, &c]))
            }),
        ),
        (
            "exp(a)",
            Box::new(|| drop(run(Op::Unary(UnaryOp::Exp, nt::ir::MathLib::Numpy), &[&a]))),
        ),
        (
            "sin(a)",
            Box::new(|| drop(run(Op::Unary(UnaryOp::Sin, nt::ir::MathLib::Numpy), &[&a]))),
        ),
        (
            "tanh(a)",
            Box::new(|| drop(run(Op::Unary(UnaryOp::Tanh, nt::ir::MathLib::Numpy), &[&a]))),
        ),
        (
            "log(c)",
            Box::new(|| drop(run(Op::Unary(UnaryOp::Log, nt::ir::MathLib::Numpy), &[&c]))),
        ),
        ("cast to float64", Box::new(|| drop(run(Op::Cast(DType::F64), &[&a])))),
        (
            "sum",
            Box::new(|| {
                let op = Op::Reduce {
                    op: ReduceOp::Sum,
                    axes: vec![0],
                    keepdim: false,
                };
                drop(run(op, &[&a]))
            }),
        ),
    ];
    for (name, f) in &cases {
        println!("{name:<34}{:>12.1}", median_us(21, f));
    }
    let m = 256;
    let x = NdArray::from_buffer(Buffer::F32((0..m * m).map(|i| (i % 7) as f32).collect()), &[m, m]);
    println!(
        "{:<34}{:>12.1}",
        "matmul 256×256",
        median_us(21, || drop(run(Op::MatMul, &[&x, &x])))
    );
}
