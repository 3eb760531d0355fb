//! Tensors on the gpu device: a pooled wgpu buffer holding the elements in a WGSL
//! scalar type, and the conversions to and from host buffers.
//!
//! float32, int32 and uint32 are stored as they are; float16, float64, int64 and uint64
//! where the adapter has the shader feature; bool, uint8 and uint16 widen to u32, int8
//! and int16 to i32 (kernels wrap results back into range); bfloat16 is held in f32 and
//! kernels round results to bfloat16.

use super::context::{self, Context};
use crate::array::NdArray;
use crate::array::dtype::DType;
use crate::array::elem::Elem;
use crate::array::storage::Buffer;

/// The WGSL scalar type an element is held in on the GPU.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Repr {
    F16,
    F32,
    F64,
    I32,
    U32,
    I64,
    U64,
    /// int64 on an adapter without 64-bit integers: the same little-endian bytes, seen
    /// by kernels as `vec2<u32>` (low word, high word) with emulated arithmetic.
    I64x2,
}

impl Repr {
    pub fn wgsl(self) -> &'static str {
        match self {
            Repr::F16 => "f16",
            Repr::F32 => "f32",
            Repr::F64 => "f64",
            Repr::I32 => "i32",
            Repr::U32 => "u32",
            Repr::I64 => "i64",
            Repr::U64 => "u64",
            Repr::I64x2 => "vec2<u32>",
        }
    }

    pub fn bytes(self) -> usize {
        match self {
            Repr::F16 => 2,
            Repr::F32 | Repr::I32 | Repr::U32 => 4,
            Repr::F64 | Repr::I64 | Repr::U64 | Repr::I64x2 => 8,
        }
    }

    pub fn is_float(self) -> bool {
        matches!(self, Repr::F16 | Repr::F32 | Repr::F64)
    }
}

/// How `dtype` is held on this adapter, or why it cannot be.
pub fn repr(cx: &Context, dtype: DType) -> Result<Repr, String> {
    let missing = |feature: &str, instead: &str| {
        Err(format!(
            "the GPU adapter '{}' does not support {} tensors (it lacks {feature}); use {instead}",
            cx.name,
            dtype.torch_name().trim_start_matches("torch."),
        ))
    };
    Ok(match dtype {
        DType::F32 => Repr::F32,
        DType::F16 if cx.f16 => Repr::F16,
        DType::F16 => return missing("SHADER_F16", "float32"),
        // float64 kernels test NaNs and signs through 64-bit integers, and lavapipe's
        // float64 arithmetic without them computes garbage.
        DType::F64 if cx.f64 && cx.i64 => Repr::F64,
        DType::F64 if cx.f64 => return missing("SHADER_INT64", "float32"),
        DType::F64 => return missing("SHADER_F64", "float32"),
        DType::I64 if cx.i64 => Repr::I64,
        DType::U64 if cx.i64 => Repr::U64,
        DType::I64 => Repr::I64x2,
        DType::U64 => return missing("SHADER_INT64", "int64"),
        DType::I32 | DType::I8 | DType::I16 => Repr::I32,
        DType::U32 | DType::U8 | DType::U16 | DType::Bool => Repr::U32,
        // Held in f32; kernels round every result to bfloat16.
        DType::BF16 => Repr::F32,
        DType::C64 | DType::C128 => {
            return Err(format!(
                "complex tensors ({}) are not supported on the gpu device by nt yet; keep them on the cpu",
                dtype.torch_name().trim_start_matches("torch.")
            ));
        }
    })
}

/// A buffer on the gpu device; its wgpu buffer returns to the pool when dropped.
#[derive(Debug)]
pub struct GpuBuffer {
    pub buf: Option<wgpu::Buffer>,
    pub dtype: DType,
    pub repr: Repr,
    pub len: usize,
}

impl GpuBuffer {
    pub fn raw(&self) -> Result<&wgpu::Buffer, String> {
        self.buf
            .as_ref()
            .ok_or_else(|| "GPU buffer already released".to_string())
    }

    /// A new, uninitialised buffer for `len` elements of `dtype`.
    pub fn new(cx: &Context, dtype: DType, len: usize) -> Result<GpuBuffer, String> {
        let repr = repr(cx, dtype)?;
        let bytes = (len * repr.bytes()).max(4) as u64;
        Ok(GpuBuffer {
            buf: Some(cx.buffer(bytes)?),
            dtype,
            repr,
            len,
        })
    }
}

impl crate::array::storage::Held for GpuBuffer {
    fn dtype(&self) -> DType {
        self.dtype
    }

    fn len(&self) -> usize {
        self.len
    }

    fn on_gpu(&self) -> bool {
        true
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    fn duplicate(&self) -> Box<dyn crate::array::storage::Held> {
        Box::new(self.clone())
    }
}

impl GpuBuffer {
    /// The buffer as an array storage's elements.
    pub fn into_buffer(self) -> Buffer {
        Buffer::Gpu(Box::new(self))
    }
}

/// The device buffer a storage holds, if it holds one.
pub fn of(b: &Buffer) -> Option<&GpuBuffer> {
    match b {
        Buffer::Gpu(g) => g.as_any().downcast_ref(),
        _ => None,
    }
}

impl Drop for GpuBuffer {
    fn drop(&mut self) {
        if let (Some(b), Ok(cx)) = (self.buf.take(), context::get()) {
            cx.give(b);
        }
    }
}

impl Clone for GpuBuffer {
    fn clone(&self) -> GpuBuffer {
        // A GPU-side copy; a buffer exists only where the context does.
        let copy = context::get().and_then(|cx| {
            let out = GpuBuffer::new(cx, self.dtype, self.len)?;
            cx.flush();
            let mut enc = cx.device.create_command_encoder(&Default::default());
            let bytes = ((self.len * self.repr.bytes()) as u64).div_ceil(4) * 4;
            if bytes > 0 {
                enc.copy_buffer_to_buffer(self.raw()?, 0, out.raw()?, 0, bytes);
            }
            cx.queue.submit([enc.finish()]);
            Ok(out)
        });
        copy.unwrap_or(GpuBuffer {
            buf: None,
            dtype: self.dtype,
            repr: self.repr,
            len: self.len,
        })
    }
}

/// The bytes of host elements in their GPU representation.
fn encode(a: &NdArray, repr: Repr) -> Result<Vec<u8>, String> {
    let cpu = crate::backend::cpu::to_f64s;
    Ok(match repr {
        Repr::F32 => cpu(a)?.iter().flat_map(|&x| (x as f32).to_le_bytes()).collect(),
        Repr::F64 => cpu(a)?.iter().flat_map(|&x| x.to_le_bytes()).collect(),
        Repr::F16 => cpu(a)?
            .iter()
            .flat_map(|&x| half::f16::from_f64(x).to_le_bytes())
            .collect(),
        Repr::I32 => ints(a)?.iter().flat_map(|&x| (x as i32).to_le_bytes()).collect(),
        Repr::U32 => ints(a)?.iter().flat_map(|&x| (x as u32).to_le_bytes()).collect(),
        Repr::I64 | Repr::I64x2 => ints(a)?.iter().flat_map(|&x| (x as i64).to_le_bytes()).collect(),
        Repr::U64 => ints(a)?.iter().flat_map(|&x| (x as u64).to_le_bytes()).collect(),
    })
}

fn ints(a: &NdArray) -> Result<Vec<i128>, String> {
    crate::backend::cpu::to_i128s(a)
}

/// A host operand of a gpu op: its whole storage is copied when that is no larger than
/// the view (a broadcast scalar stays one element), keeping the layout; otherwise the view
/// is copied contiguous.
pub fn upload_operand(a: &NdArray) -> Result<NdArray, String> {
    let len = a.storage.borrow().len();
    if len > a.numel().max(1) {
        return upload(a);
    }
    let whole = NdArray {
        storage: a.storage.clone(),
        layout: crate::array::layout::Layout::contiguous(&[len]),
        dtype: a.dtype,
    };
    let up = upload(&whole)?;
    Ok(NdArray {
        storage: up.storage,
        layout: a.layout.clone(),
        dtype: a.dtype,
    })
}

/// A host array (any layout) copied to the gpu device, contiguous.
pub fn upload(a: &NdArray) -> Result<NdArray, String> {
    let cx = context::get()?;
    let host = crate::backend::cpu::host(a)?;
    let out = GpuBuffer::new(cx, a.dtype, a.numel())?;
    let bytes = encode(&host, out.repr)?;
    cx.write(out.raw()?, &bytes);
    Ok(NdArray::from_buffer(out.into_buffer(), a.shape()))
}

/// The whole GPU buffer as a host buffer of its dtype.
/// How many buffers have been read back from the device (tests check that host
/// algorithms on gpu tensors read each tensor once, not once per element).
pub fn downloads() -> usize {
    DOWNLOADS.load(std::sync::atomic::Ordering::Relaxed)
}

static DOWNLOADS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

pub fn download(g: &GpuBuffer) -> Result<Buffer, String> {
    DOWNLOADS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let cx = context::get()?;
    let bytes = cx.read(g.raw()?, (g.len * g.repr.bytes()) as u64)?;
    let w = g.repr.bytes();
    let chunks = bytes.chunks_exact(w);
    macro_rules! decode {
        ($t:ty, $conv:ident, $via:ident) => {
            crate::with_dtype!(g.dtype, T => <T as crate::array::storage::Typed>::wrap(
                chunks
                    .map(|c| {
                        let v = <$t>::from_le_bytes(c.try_into().unwrap_or_default());
                        T::$conv(v.$via())
                    })
                    .collect(),
            ))
        };
    }
    Ok(match g.repr {
        Repr::F32 => decode!(f32, from_f64, into_f64),
        Repr::F64 => decode!(f64, from_f64, into_f64),
        Repr::F16 => crate::with_dtype!(g.dtype, T => <T as crate::array::storage::Typed>::wrap(
            chunks
                .map(|c| T::from_f64(half::f16::from_le_bytes([c[0], c[1]]).to_f64()))
                .collect(),
        )),
        Repr::I32 => decode!(i32, from_i128, into_i128),
        Repr::U32 => decode!(u32, from_i128, into_i128),
        Repr::I64 | Repr::I64x2 => decode!(i64, from_i128, into_i128),
        Repr::U64 => decode!(u64, from_i128, into_i128),
    })
}

/// Widening to the conversion type both macros use.
trait Into128 {
    fn into_i128(self) -> i128;
    fn into_f64(self) -> f64;
}

macro_rules! into128 {
    ($($t:ty),*) => {$(
        impl Into128 for $t {
            fn into_i128(self) -> i128 {
                self as i128
            }
            fn into_f64(self) -> f64 {
                self as f64
            }
        }
    )*};
}
into128!(f32, f64, i32, u32, i64, u64);

/// Whether an array's storage is on the gpu device.
pub fn on_gpu(a: &NdArray) -> bool {
    a.storage.borrow().on_gpu()
}
