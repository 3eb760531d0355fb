//! The wgpu adapter, device and queue, found once per process; compiled pipelines,
//! cached by their WGSL source; and a pool of storage buffers bucketed by size.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

pub struct Context {
    pub device: wgpu::Device,
    pub queue: wgpu::Queue,
    /// `"llvmpipe (LLVM 15.0.6, 256 bits) (Vulkan)"`.
    pub name: String,
    /// A CPU-emulated adapter (Mesa's lavapipe/llvmpipe, WARP).
    pub software: bool,
    pub f16: bool,
    pub f64: bool,
    pub i64: bool,
    pub max_buffer: u64,
    pipelines: Mutex<HashMap<String, Arc<(wgpu::ComputePipeline, wgpu::BindGroupLayout)>>>,
    pool: Mutex<HashMap<u64, Vec<wgpu::Buffer>>>,
    pending: Mutex<Pending>,
}

/// Dispatches recorded but not yet submitted: they go to the GPU together, when a result
/// is read, when another submission must follow them, or every `BATCH` dispatches.
#[derive(Default)]
struct Pending {
    encoder: Option<wgpu::CommandEncoder>,
    count: usize,
    /// Buffers freed while recorded work may still use them: pooled after submission
    /// (a queued write into a reused buffer would otherwise land before that work).
    limbo: Vec<wgpu::Buffer>,
}

const BATCH: usize = 64;

static CONTEXT: OnceLock<Result<Context, String>> = OnceLock::new();

/// The first GPU error raised since the last check.
static LAST_ERROR: Mutex<Option<String>> = Mutex::new(None);

/// `Err` with the GPU error raised by recorded work since the last check, if any.
pub fn check_errors() -> Result<(), String> {
    match LAST_ERROR.lock().ok().and_then(|mut e| e.take()) {
        Some(e) => Err(format!("GPU error: {e}")),
        None => Ok(()),
    }
}

/// What to tell a user who has no adapter.
const NO_ADAPTER: &str = "no GPU adapter found: nt's gpu device needs a Vulkan (or OpenGL) driver. \
Without a GPU, Mesa's software driver works: apt-get install mesa-vulkan-drivers libvulkan1 \
(WGPU_BACKEND=vulkan or gl picks the API)";

/// The process's GPU, found on first use; `Err` says what is missing.
pub fn get() -> Result<&'static Context, String> {
    CONTEXT.get_or_init(open).as_ref().map_err(Clone::clone)
}

/// Whether an adapter exists (without raising).
pub fn available() -> bool {
    get().is_ok()
}

/// Whether a hardware adapter exists, or a software one was asked for with
/// `NT_SOFTWARE_GPU=1`: what `torch.cuda.is_available()` says, so that the idiom
/// `"cuda" if torch.cuda.is_available() else "cpu"` never picks an emulated GPU that is
/// slower than the CPU. An explicit `device="gpu"` still uses any adapter.
pub fn offered() -> bool {
    get().is_ok_and(|c| !c.software || std::env::var_os("NT_SOFTWARE_GPU").is_some_and(|v| v == "1"))
}

fn open() -> Result<Context, String> {
    // Vulkan drivers probe for a Wayland display, and libwayland complains on stderr when
    // XDG_RUNTIME_DIR is unset (headless machines, CI). A compute-only process needs no
    // display: point it at the temp dir, where the probe fails quietly.
    if std::env::var_os("XDG_RUNTIME_DIR").is_none() {
        // SAFETY: called once, while the interpreter thread is the only one running code
        // (the main thread is blocked joining it) and before wgpu starts any thread.
        unsafe { std::env::set_var("XDG_RUNTIME_DIR", std::env::temp_dir()) };
    }
    // Vulkan (Metal, DX12) first; OpenGL only when asked for (`WGPU_BACKEND=gl`) or when
    // nothing else is there, since probing EGL is slow and noisy on headless machines.
    match adapter(wgpu::Backends::from_env().unwrap_or(wgpu::Backends::PRIMARY)) {
        Err(_) if wgpu::Backends::from_env().is_none() => adapter(wgpu::Backends::GL),
        r => r,
    }
}

fn adapter(backends: wgpu::Backends) -> Result<Context, String> {
    let mut desc = wgpu::InstanceDescriptor::new_without_display_handle_from_env();
    desc.backends = backends;
    let instance = wgpu::Instance::new(desc);
    let options = wgpu::RequestAdapterOptions {
        power_preference: wgpu::PowerPreference::from_env().unwrap_or(wgpu::PowerPreference::HighPerformance),
        force_fallback_adapter: false,
        compatible_surface: None,
        apply_limit_buckets: false,
    };
    let adapter = pollster::block_on(instance.request_adapter(&options)).map_err(|_| NO_ADAPTER.to_string())?;
    let info = adapter.get_info();
    let have = adapter.features();
    let wanted = wgpu::Features::SHADER_F16 | wgpu::Features::SHADER_F64 | wgpu::Features::SHADER_INT64;
    // `NT_GPU_WITHOUT=SHADER_INT64,SHADER_F64` leaves features unused, to try nt as on a
    // smaller adapter (tests run the reference suite that way).
    let without = std::env::var("NT_GPU_WITHOUT").unwrap_or_default();
    let mut features = have & wanted;
    for name in without.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        match wgpu::Features::from_name(name) {
            Some(f) => features.remove(f),
            None => return Err(format!("NT_GPU_WITHOUT: unknown wgpu feature {name:?}")),
        }
    }
    let limits = adapter.limits();
    let desc = wgpu::DeviceDescriptor {
        label: Some("nt"),
        required_features: features,
        required_limits: limits.clone(),
        experimental_features: wgpu::ExperimentalFeatures::disabled(),
        memory_hints: wgpu::MemoryHints::Performance,
        trace: wgpu::Trace::Off,
    };
    let (device, queue) = pollster::block_on(adapter.request_device(&desc))
        .map_err(|e| format!("the GPU adapter '{}' refused a device: {e}", info.name))?;
    // Errors outside an error scope (dispatches) are kept and reported at the next
    // read or synchronize, never a panic.
    device.on_uncaptured_error(Arc::new(|e: wgpu::Error| {
        if let Ok(mut slot) = LAST_ERROR.lock() {
            slot.get_or_insert_with(|| e.to_string());
        }
    }));
    let f64_math = features.contains(wgpu::Features::SHADER_F64 | wgpu::Features::SHADER_INT64);
    super::wgsl::F64_MATH.store(f64_math, std::sync::atomic::Ordering::Relaxed);
    Ok(Context {
        device,
        queue,
        name: format!("{} ({:?})", info.name, info.backend),
        software: info.device_type == wgpu::DeviceType::Cpu,
        f16: features.contains(wgpu::Features::SHADER_F16),
        f64: features.contains(wgpu::Features::SHADER_F64),
        i64: features.contains(wgpu::Features::SHADER_INT64),
        max_buffer: limits.max_storage_buffer_binding_size.min(limits.max_buffer_size),
        pipelines: Mutex::new(HashMap::new()),
        pool: Mutex::new(HashMap::new()),
        pending: Mutex::new(Pending::default()),
    })
}

/// Buffer sizes are rounded up to a power of two (at least 256 bytes) so freed buffers
/// fit later requests.
fn bucket(bytes: u64) -> u64 {
    bytes.max(256).next_power_of_two()
}

pub const USAGE: wgpu::BufferUsages = wgpu::BufferUsages::STORAGE
    .union(wgpu::BufferUsages::COPY_SRC)
    .union(wgpu::BufferUsages::COPY_DST);

impl Context {
    /// A storage buffer of at least `bytes`, reused from the pool when one is free.
    pub fn buffer(&self, bytes: u64) -> Result<wgpu::Buffer, String> {
        let size = bucket(bytes);
        if size > self.max_buffer {
            return Err(format!(
                "a GPU buffer of {bytes} bytes exceeds the adapter's limit of {} bytes",
                self.max_buffer
            ));
        }
        if let Some(b) = self
            .pool
            .lock()
            .ok()
            .and_then(|mut p| p.get_mut(&size).and_then(Vec::pop))
        {
            return Ok(b);
        }
        Ok(self.device.create_buffer(&wgpu::BufferDescriptor {
            label: None,
            size,
            usage: USAGE,
            mapped_at_creation: false,
        }))
    }

    /// Returns a buffer to the pool (after the pending work is submitted).
    pub fn give(&self, b: wgpu::Buffer) {
        if let Ok(mut pending) = self.pending.lock()
            && pending.count > 0
        {
            pending.limbo.push(b);
            return;
        }
        self.pool_buffer(b);
    }

    fn pool_buffer(&self, b: wgpu::Buffer) {
        if let Ok(mut p) = self.pool.lock() {
            let v = p.entry(b.size()).or_default();
            // Small buffers (op metadata, tiny tensors) churn fastest: keep many of them.
            let cap = if b.size() <= 1 << 16 { 1024 } else { 16 };
            if v.len() < cap {
                v.push(b);
            }
        }
    }

    /// The compute pipeline for a WGSL source, compiled once.
    pub fn pipeline(&self, source: &str) -> Result<Arc<(wgpu::ComputePipeline, wgpu::BindGroupLayout)>, String> {
        if let Some(p) = self.pipelines.lock().ok().and_then(|c| c.get(source).cloned()) {
            return Ok(p);
        }
        let scope = self.device.push_error_scope(wgpu::ErrorFilter::Validation);
        let module = self.device.create_shader_module(wgpu::ShaderModuleDescriptor {
            label: None,
            source: wgpu::ShaderSource::Wgsl(source.into()),
        });
        let pipeline = self.device.create_compute_pipeline(&wgpu::ComputePipelineDescriptor {
            label: None,
            layout: None,
            module: &module,
            entry_point: Some("main"),
            compilation_options: Default::default(),
            cache: None,
        });
        if let Some(e) = pollster::block_on(scope.pop()) {
            return Err(format!("generated WGSL was rejected: {e}\n{source}"));
        }
        let layout = pipeline.get_bind_group_layout(0);
        let p = Arc::new((pipeline, layout));
        if let Ok(mut c) = self.pipelines.lock() {
            c.insert(source.to_string(), p.clone());
        }
        Ok(p)
    }

    /// Runs one compute dispatch over `buffers` (bound in order at group 0).
    pub fn dispatch(&self, source: &str, buffers: &[&wgpu::Buffer], groups: (u32, u32, u32)) -> Result<(), String> {
        let compiled = self.pipeline(source)?;
        let (pipeline, layout) = (&compiled.0, &compiled.1);
        let entries: Vec<wgpu::BindGroupEntry> = buffers
            .iter()
            .enumerate()
            .map(|(i, b)| wgpu::BindGroupEntry {
                binding: i as u32,
                resource: b.as_entire_binding(),
            })
            .collect();
        let group = self.device.create_bind_group(&wgpu::BindGroupDescriptor {
            label: None,
            layout,
            entries: &entries,
        });
        let full = {
            let mut pending = self.pending.lock().map_err(|_| "GPU queue lock poisoned")?;
            let encoder = pending.encoder.get_or_insert_with(|| {
                self.device
                    .create_command_encoder(&wgpu::CommandEncoderDescriptor { label: None })
            });
            {
                // One pass per dispatch: wgpu orders passes, so each sees the last's writes.
                let mut pass = encoder.begin_compute_pass(&wgpu::ComputePassDescriptor {
                    label: None,
                    timestamp_writes: None,
                });
                pass.set_pipeline(pipeline);
                pass.set_bind_group(0, &group, &[]);
                pass.dispatch_workgroups(groups.0, groups.1, groups.2);
            }
            pending.count += 1;
            pending.count >= BATCH
        };
        if full {
            self.flush();
        }
        Ok(())
    }

    /// Submits the recorded dispatches.
    pub fn flush(&self) {
        let (encoder, limbo) = match self.pending.lock() {
            Ok(mut p) => {
                p.count = 0;
                (p.encoder.take(), std::mem::take(&mut p.limbo))
            }
            Err(_) => return,
        };
        if let Some(e) = encoder {
            self.queue.submit([e.finish()]);
            // Lets wgpu retire finished submissions and free what they held, without waiting.
            let _ = self.device.poll(wgpu::PollType::Poll);
        }
        for b in limbo {
            self.pool_buffer(b);
        }
    }

    /// Copies the first `bytes` of a buffer back to the host (waiting for the GPU).
    pub fn read(&self, b: &wgpu::Buffer, bytes: u64) -> Result<Vec<u8>, String> {
        let size = bytes.div_ceil(4) * 4;
        if size == 0 {
            return Ok(Vec::new());
        }
        let staging = self.device.create_buffer(&wgpu::BufferDescriptor {
            label: None,
            size,
            usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        self.flush();
        let mut encoder = self
            .device
            .create_command_encoder(&wgpu::CommandEncoderDescriptor { label: None });
        encoder.copy_buffer_to_buffer(b, 0, &staging, 0, size);
        self.queue.submit([encoder.finish()]);
        let (tx, rx) = std::sync::mpsc::channel();
        staging.map_async(wgpu::MapMode::Read, .., move |r| {
            let _ = tx.send(r);
        });
        self.device
            .poll(wgpu::PollType::Wait {
                submission_index: None,
                timeout: None,
            })
            .map_err(|e| format!("waiting for the GPU failed: {e}"))?;
        rx.recv()
            .map_err(|e| e.to_string())?
            .map_err(|e| format!("reading a GPU buffer failed: {e}"))?;
        check_errors()?;
        let data = staging
            .get_mapped_range(..)
            .map_err(|e| format!("reading a GPU buffer failed: {e:?}"))?
            .to_vec();
        staging.unmap();
        let mut out = data;
        out.truncate(bytes as usize);
        Ok(out)
    }

    /// Writes host bytes into a buffer (padded to 4 bytes).
    pub fn write(&self, b: &wgpu::Buffer, bytes: &[u8]) {
        if bytes.is_empty() {
            return;
        }
        if bytes.len() % 4 == 0 {
            self.queue.write_buffer(b, 0, bytes);
        } else {
            let mut padded = bytes.to_vec();
            padded.resize(bytes.len().div_ceil(4) * 4, 0);
            self.queue.write_buffer(b, 0, &padded);
        }
    }
}
