//! `tight_layout` (slots sized so every axes' labels fit) and `plt.show()`: a PNG shown
//! in a notebook (display_data), inline in a terminal that draws images (kitty's graphics
//! protocol; iTerm2's, also spoken by WezTerm), or else written to a file whose path is
//! told on stderr. `NT_PLOT=kitty|iterm|file|none` overrides the choice.

use super::font::Cmd;
use super::prim::Prim;
use super::scene::Figure;
use crate::error::{Res, exc, type_error};
use crate::interp::Interp;
use crate::value::{Args, Value};
use std::io::{IsTerminal, Write};

/// The box around everything drawn for one axes (pixels, y down).
fn extent(prims: &[Prim]) -> [f64; 4] {
    let mut b = [f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY];
    let mut add = |x: f64, y: f64| {
        b[0] = b[0].min(x);
        b[1] = b[1].min(y);
        b[2] = b[2].max(x);
        b[3] = b[3].max(y);
    };
    for p in prims {
        match p {
            Prim::Path {
                text: Some((_, tb)), ..
            } => {
                add(tb[0], tb[1]);
                add(tb[2], tb[3]);
            }
            Prim::Path { cmds, clip, .. } => {
                if clip.is_some() {
                    continue;
                }
                for c in cmds {
                    match *c {
                        Cmd::Move(x, y) | Cmd::Line(x, y) | Cmd::Quad(_, _, x, y) | Cmd::Cubic(_, _, _, _, x, y) => {
                            add(x, y)
                        }
                        Cmd::Close => {}
                    }
                }
            }
            Prim::Image { .. } => {}
        }
    }
    b
}

/// The slot of each axes after `tight_layout(pad)`: `cells` holds (nrows, ncols, row, col,
/// and the cell's slot: left, bottom, width, height) per axes (nrows 0: not in a grid,
/// left where it is). A colorbar shares its parent's cell.
pub fn tight(fig: &Figure, cells: &[f64], pad: f64) -> Res<Vec<[f64; 4]>> {
    let (w, h) = (fig.size.0 * fig.dpi, fig.size.1 * fig.dpi);
    let pad = pad * 10.0 * fig.dpi / 72.0;
    let cell =
        |i: usize| -> [usize; 4] { std::array::from_fn(|k| cells.get(i * 8 + k).copied().unwrap_or(0.0) as usize) };
    let given = |i: usize| -> [f64; 4] { std::array::from_fn(|k| cells.get(i * 8 + 4 + k).copied().unwrap_or(0.0)) };
    let grid = (0..fig.axes.len()).map(cell).find(|c| c[0] > 0);
    let Some([nr, nc, _, _]) = grid else {
        return Ok(fig.axes.iter().map(|a| a.pos).collect());
    };
    // Each cell's overhang (left, top, right, bottom) beyond its slot, in pixels.
    let mut over = vec![[0.0f64; 4]; nr * nc];
    let mut slot = vec![None::<[f64; 4]>; nr * nc];
    for (i, ax) in fig.axes.iter().enumerate() {
        let [r, c, row, col] = cell(i);
        if r != nr || c != nc || row >= nr || col >= nc {
            continue;
        }
        let k = row * nc + col;
        let s = slot[k].get_or_insert(given(i));
        let (sx0, sy0, sx1, sy1) = (s[0] * w, (1.0 - s[1] - s[3]) * h, (s[0] + s[2]) * w, (1.0 - s[1]) * h);
        let mut prims = Vec::new();
        super::draw::axes_into(fig, ax, &mut prims);
        let e = extent(&prims);
        let o = &mut over[k];
        o[0] = o[0].max(sx0 - e[0]);
        o[1] = o[1].max(sy0 - e[1]);
        o[2] = o[2].max(e[2] - sx1);
        o[3] = o[3].max(e[3] - sy1);
    }
    let col_max = |c: usize, side: usize| (0..nr).map(|r| over[r * nc + c][side]).fold(0.0, f64::max);
    let row_max = |r: usize, side: usize| (0..nc).map(|c| over[r * nc + c][side]).fold(0.0, f64::max);
    let left = col_max(0, 0) + pad;
    let right = col_max(nc - 1, 2) + pad;
    let top = row_max(0, 1) + pad;
    let bottom = row_max(nr - 1, 3) + pad;
    // matplotlib's _auto_adjust_subplotpars: one gap between all columns (and one between
    // all rows), the widest of (right overhang + the next cell's left overhang) + pad.
    let gap_x = (0..nr)
        .flat_map(|r| (0..nc.saturating_sub(1)).map(move |c| (r, c)))
        .map(|(r, c)| over[r * nc + c][2] + over[r * nc + c + 1][0])
        .fold(0.0, f64::max)
        + pad;
    let gap_y = (0..nr.saturating_sub(1))
        .flat_map(|r| (0..nc).map(move |c| (r, c)))
        .map(|(r, c)| over[r * nc + c][3] + over[(r + 1) * nc + c][1])
        .fold(0.0, f64::max)
        + pad;
    let hgaps = vec![gap_x; nc - 1];
    let vgaps = vec![gap_y; nr - 1];
    let cw = (w - left - right - hgaps.iter().sum::<f64>()) / nc as f64;
    let ch = (h - top - bottom - vgaps.iter().sum::<f64>()) / nr as f64;
    if cw <= 0.0 || ch <= 0.0 {
        return Ok(fig.axes.iter().map(|a| a.pos).collect());
    }
    let mut out = Vec::with_capacity(fig.axes.len());
    for (i, ax) in fig.axes.iter().enumerate() {
        let [r, c, row, col] = cell(i);
        if r != nr || c != nc || row >= nr || col >= nc {
            out.push(ax.pos);
            continue;
        }
        let x = left + col as f64 * cw + hgaps[..col].iter().sum::<f64>();
        let y = top + row as f64 * ch + vgaps[..row].iter().sum::<f64>();
        out.push([x / w, 1.0 - (y + ch) / h, cw / w, ch / h]);
    }
    Ok(out)
}

/// How `show()` shows a figure outside a notebook.
fn protocol() -> &'static str {
    let env = |k: &str| std::env::var(k).unwrap_or_default();
    match env("NT_PLOT").as_str() {
        "kitty" => return "kitty",
        "iterm" => return "iterm",
        "file" => return "file",
        "none" => return "none",
        _ => {}
    }
    if !std::io::stdout().is_terminal() {
        return "file";
    }
    if !env("KITTY_WINDOW_ID").is_empty()
        || env("TERM") == "xterm-kitty"
        || env("TERM") == "xterm-ghostty"
        || env("TERM_PROGRAM") == "ghostty"
    {
        return "kitty";
    }
    if env("TERM_PROGRAM") == "iTerm.app"
        || env("LC_TERMINAL") == "iTerm2"
        || env("TERM_PROGRAM") == "WezTerm"
        || !env("WEZTERM_PANE").is_empty()
    {
        return "iterm";
    }
    "file"
}

fn kitty(png: &[u8]) -> Vec<u8> {
    let b64 = super::svg::base64(png);
    let chunks: Vec<&[u8]> = b64.as_bytes().chunks(4096).collect();
    let mut out = Vec::new();
    for (i, c) in chunks.iter().enumerate() {
        let more = (i + 1 < chunks.len()) as u8;
        if i == 0 {
            out.extend_from_slice(format!("\x1b_Ga=T,f=100,q=2,m={more};").as_bytes());
        } else {
            out.extend_from_slice(format!("\x1b_Gm={more};").as_bytes());
        }
        out.extend_from_slice(c);
        out.extend_from_slice(b"\x1b\\");
    }
    out.extend_from_slice(b"\r\n");
    out
}

fn iterm(png: &[u8]) -> Vec<u8> {
    let name = super::svg::base64(b"figure.png");
    let mut out = format!(
        "\x1b]1337;File=inline=1;size={};name={name};preserveAspectRatio=1:",
        png.len()
    )
    .into_bytes();
    out.extend_from_slice(super::svg::base64(png).as_bytes());
    out.extend_from_slice(b"\x07\r\n");
    out
}

/// `_nt.plot_show(png, text, number)`: shows one figure's PNG.
pub fn show(interp: &mut Interp, args: Args) -> Res<Value> {
    let (Some(Value::Bytes(png)), Some(Value::Str(text)), Some(Value::Int(num))) =
        (args.pos.first(), args.pos.get(1), args.pos.get(2))
    else {
        return Err(type_error("_nt.plot_show(png, text, number)"));
    };
    if let Some(rich) = interp.rich_out.as_mut() {
        rich(vec![
            ("image/png".into(), super::svg::base64(png)),
            ("text/plain".into(), text.to_string()),
        ]);
        return Ok(Value::None);
    }
    let _ = interp.out.flush();
    match protocol() {
        "kitty" => {
            let _ = interp.out.write_all(&kitty(png));
        }
        "iterm" => {
            let _ = interp.out.write_all(&iterm(png));
        }
        "none" => {}
        _ => {
            let dir = std::env::temp_dir().join("nt-figures");
            std::fs::create_dir_all(&dir)
                .map_err(|e| exc("OSError", format!("cannot create {}: {e}", dir.display())))?;
            let path = dir.join(format!("figure-{}-{num}.png", std::process::id()));
            std::fs::write(&path, &png[..])
                .map_err(|e| exc("OSError", format!("cannot write {}: {e}", path.display())))?;
            interp.write_err(&format!("Figure {num} saved to {}\n", path.display()));
        }
    }
    let _ = interp.out.flush();
    Ok(Value::None)
}
