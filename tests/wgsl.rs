//! The WGSL the gpu backend generates for a few expressions, as insta snapshots: a
//! change to code generation shows up as a reviewed diff.

#![cfg(feature = "gpu")]

use nt::array::dtype::DType;
use nt::backend::wgpu::Repr;
use nt::backend::wgpu::wgsl::{self, In};
use nt::ir::{BinaryOp, Op, ReduceOp, UnaryOp};

fn f32_in(direct: bool) -> In {
    In {
        repr: Repr::F32,
        dtype: DType::F32,
        direct,
    }
}

#[test]
fn add_with_a_broadcast_operand() {
    let ins = [f32_in(true), f32_in(false)];
    let expr = wgsl::lower(&Op::Binary(BinaryOp::Add), &ins, DType::F32, Repr::F32).expect("lowered");
    insta::assert_snapshot!(wgsl::elementwise(&ins, Repr::F32, 2, &expr));
}

#[test]
fn uint8_multiply_wraps() {
    let u8_in = In {
        repr: Repr::U32,
        dtype: DType::U8,
        direct: true,
    };
    let expr = wgsl::lower(&Op::Binary(BinaryOp::Mul), &[u8_in, u8_in], DType::U8, Repr::U32).expect("lowered");
    insta::assert_snapshot!(expr);
}

#[test]
fn comparisons_and_sign_test_nan_by_bits() {
    let ins = [f32_in(true), f32_in(true)];
    let lt = wgsl::lower(&Op::Binary(BinaryOp::Lt), &ins, DType::Bool, Repr::U32).expect("lowered");
    let sign = wgsl::lower(&Op::exact(UnaryOp::Sign), &ins[..1], DType::F32, Repr::F32).expect("lowered");
    insta::assert_snapshot!(format!("{lt}\n{sign}"));
}

#[test]
fn sum_over_an_axis() {
    insta::assert_snapshot!(wgsl::reduction(ReduceOp::Sum, f32_in(true), Repr::F32, 2, false).expect("lowered"));
}

#[test]
fn tiled_matmul() {
    insta::assert_snapshot!(wgsl::matmul(f32_in(true), Repr::F32, false).expect("lowered"));
}

#[test]
fn float64_transcendentals_fall_back_to_the_cpu() {
    let f64_in = In {
        repr: Repr::F64,
        dtype: DType::F64,
        direct: true,
    };
    assert!(
        wgsl::lower(
            &Op::Unary(UnaryOp::Exp, nt::ir::MathLib::Numpy),
            &[f64_in],
            DType::F64,
            Repr::F64
        )
        .is_none()
    );
}

#[test]
fn fused_chain_is_one_kernel() {
    // (a * 2 + b) ** 2 - c over float32, with `2` a broadcast scalar: one kernel, each
    // step a `let`.
    use wgsl::Line;
    let ins = [f32_in(true), f32_in(false), f32_in(true), f32_in(true)];
    let op = |b: BinaryOp| wgsl::lower(&Op::Binary(b), &ins[..2], DType::F32, Repr::F32).expect("lowered");
    let lines = vec![
        Line::Load(0, Repr::F32),
        Line::Load(1, Repr::F32),
        Line::Apply(op(BinaryOp::Mul), vec![0, 1], Repr::F32),
        Line::Load(2, Repr::F32),
        Line::Apply(op(BinaryOp::Add), vec![2, 3], Repr::F32),
        Line::Apply(op(BinaryOp::Pow), vec![4, 1], Repr::F32),
        Line::Load(3, Repr::F32),
        Line::Apply(op(BinaryOp::Sub), vec![5, 6], Repr::F32),
    ];
    let src = wgsl::fused(&ins, &lines, 1);
    let body = src.split("fn main").nth(1).expect("entry point");
    insta::assert_snapshot!(body);
}
