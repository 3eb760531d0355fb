//! `_nt.im2col` and `_nt.col2im`: the sliding-window copies under convolution, its
//! transpose, `unfold` and `fold` (stdlib/torch/nn/_f_conv.nt), as one op each
//! (`Op::Im2Col`/`Op::Col2Im`) whose gradient is the other.
//!
//! - `_nt.im2col(x, kernel, stride, pad, dil, out, name)`: `x` `[N, C, *sizes]` to its
//!   columns `[C, *kernel, N, *out]`, zero in the padding.
//! - `_nt.col2im(cols, sizes, kernel, stride, pad, dil, name)`: columns
//!   `[C, *kernel, N, *out]` added into an image `[N, C, *sizes]`.
//! - `_nt.window_argmax(x, kernel, stride, pad, dil, out)`: the int64 position within
//!   its plane of each window's maximum, `[N, C, *out]`, chosen as PyTorch's max pooling
//!   chooses it (no gradient: the caller takes the values with `_nt.take_flat`).
//! - `_nt.max_pool(x, kernel, stride, pad, dil, out, name)`: `(values, indices)`, the
//!   maxima (their gradient `_nt.take_flat`'s, under `name`) and `window_argmax`'s
//!   positions, in one call.

use super::funcs::shape_list;
use super::ops::run;
use super::record::record;
use super::select::{name_arg, nd};
use super::wrap;
use crate::error::{Res, type_error};
use crate::interp::Interp;
use crate::ir::{Op, Windows};
use crate::tensor::autograd::Rule;
use crate::value::{Args, Lib, Value};

fn list(args: &Args, i: usize) -> Res<Vec<usize>> {
    let v = args
        .pos
        .get(i)
        .ok_or_else(|| type_error("_nt: missing window geometry"))?;
    shape_list(std::slice::from_ref(v), Lib::Torch, "")
}

fn image_windows(x: &crate::array::NdArray, args: &Args) -> Res<Windows> {
    let shape = x.shape();
    if shape.len() < 3 {
        return Err(type_error("_nt: an image [N, C, *sizes]"));
    }
    Ok(Windows {
        batch: shape[0],
        channels: shape[1],
        sizes: shape[2..].to_vec(),
        kernel: list(args, 1)?,
        stride: list(args, 2)?,
        pad: list(args, 3)?,
        dil: list(args, 4)?,
        out: list(args, 5)?,
    })
}

pub fn im2col(_: &mut Interp, args: Args) -> Res<Value> {
    let (lib, x) = nd(args.pos.first(), "the image")?;
    let w = image_windows(&x, &args)?;
    let out = run(Op::Im2Col(Box::new(w.clone())), &[&x])?;
    Ok(record(
        wrap(lib, out),
        name_arg(args.pos.get(6))?,
        Rule::Im2Col(Box::new(w)),
        &[&args.pos[0]],
    ))
}

pub fn col2im(_: &mut Interp, args: Args) -> Res<Value> {
    let (lib, cols) = nd(args.pos.first(), "the columns")?;
    let kernel = list(&args, 2)?;
    let shape = cols.shape();
    let nd = kernel.len();
    if shape.len() != 2 + 2 * nd {
        return Err(type_error("_nt.col2im: columns [C, *kernel, N, *out]"));
    }
    let w = Windows {
        batch: shape[1 + nd],
        channels: shape[0],
        sizes: list(&args, 1)?,
        kernel,
        stride: list(&args, 3)?,
        pad: list(&args, 4)?,
        dil: list(&args, 5)?,
        out: shape[2 + nd..].to_vec(),
    };
    let out = run(Op::Col2Im(Box::new(w.clone())), &[&cols])?;
    Ok(record(
        wrap(lib, out),
        name_arg(args.pos.get(6))?,
        Rule::Col2Im(Box::new(w)),
        &[&args.pos[0]],
    ))
}

pub fn window_argmax(_: &mut Interp, args: Args) -> Res<Value> {
    let (lib, x) = nd(args.pos.first(), "the image")?;
    let w = image_windows(&x, &args)?;
    Ok(wrap(lib, run(Op::WindowArgMax(Box::new(w)), &[&x])?))
}

pub fn max_pool(_: &mut Interp, args: Args) -> Res<Value> {
    let (lib, x) = nd(args.pos.first(), "the image")?;
    let w = image_windows(&x, &args)?;
    let name = name_arg(args.pos.get(6))?;
    let (values, idx) = crate::realise::kernels::window_max(&x, &w).map_err(super::internal)?;
    let values = wrap(lib, values);
    let values = if super::record::needs(&[&args.pos[0]]) {
        // Each maximum's row-major position in `x` (its plane's start plus its offset
        // there), which the gradient scatters back to.
        let (plane, per): (usize, usize) = (w.sizes.iter().product(), w.out.iter().product());
        let mut at = crate::realise::values::<i64>(&idx).map_err(super::internal)?;
        for (p, chunk) in at.chunks_mut(per.max(1)).enumerate() {
            chunk.iter_mut().for_each(|a| *a += (p * plane) as i64);
        }
        let at = crate::array::NdArray::from_buffer(crate::array::storage::Buffer::I64(at), idx.shape());
        super::record::rearranged(name, values, &args.pos[0], &at)
    } else {
        values
    };
    Ok(Value::tuple(vec![values, wrap(lib, idx)]))
}
