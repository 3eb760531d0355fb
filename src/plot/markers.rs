//! Markers as matplotlib draws them: each shape's path in units of the marker size,
//! filled with the face colour and stroked with the edge (the unfilled ones, 'x' '+' '|'
//! '_' '1'..'4', only stroked).

use super::font::Cmd;
use super::prim::{Cap, Join, Pen, Prim};
use super::scene::Marker;

fn poly(pts: &[(f64, f64)]) -> Vec<Cmd> {
    let mut c: Vec<Cmd> = pts
        .iter()
        .enumerate()
        .map(|(i, &(x, y))| if i == 0 { Cmd::Move(x, y) } else { Cmd::Line(x, y) })
        .collect();
    c.push(Cmd::Close);
    c
}

fn regular(n: usize, r: f64, rot: f64) -> Vec<(f64, f64)> {
    (0..n)
        .map(|i| {
            let t = (rot + 90.0 + 360.0 * i as f64 / n as f64).to_radians();
            (r * t.cos(), r * t.sin())
        })
        .collect()
}

fn circle(r: f64) -> Vec<Cmd> {
    // Four cubic arcs (the usual kappa), as matplotlib's unit circle approximates.
    let k = 0.552_284_749_8 * r;
    vec![
        Cmd::Move(r, 0.0),
        Cmd::Cubic(r, k, k, r, 0.0, r),
        Cmd::Cubic(-k, r, -r, k, -r, 0.0),
        Cmd::Cubic(-r, -k, -k, -r, 0.0, -r),
        Cmd::Cubic(k, -r, r, -k, r, 0.0),
        Cmd::Close,
    ]
}

/// The shape's path in marker-size units, y up, and whether it is filled.
fn shape(c: char) -> (Vec<Cmd>, bool, Join) {
    let seg = |a: (f64, f64), b: (f64, f64)| vec![Cmd::Move(a.0, a.1), Cmd::Line(b.0, b.1)];
    match c {
        'o' => (circle(0.5), true, Join::Round),
        '.' => (circle(0.25), true, Join::Round),
        '8' => (poly(&regular(8, 0.5, 22.5)), true, Join::Miter),
        's' => (
            poly(&[(-0.5, -0.5), (0.5, -0.5), (0.5, 0.5), (-0.5, 0.5)]),
            true,
            Join::Miter,
        ),
        '^' => (poly(&[(0.0, 0.5), (-0.5, -0.5), (0.5, -0.5)]), true, Join::Miter),
        'v' => (poly(&[(0.0, -0.5), (-0.5, 0.5), (0.5, 0.5)]), true, Join::Miter),
        '<' => (poly(&[(-0.5, 0.0), (0.5, -0.5), (0.5, 0.5)]), true, Join::Miter),
        '>' => (poly(&[(0.5, 0.0), (-0.5, 0.5), (-0.5, -0.5)]), true, Join::Miter),
        'D' => (
            poly(&[(0.0, -0.707), (0.707, 0.0), (0.0, 0.707), (-0.707, 0.0)]),
            true,
            Join::Miter,
        ),
        'd' => (
            poly(&[(0.0, -0.707), (0.4243, 0.0), (0.0, 0.707), (-0.4243, 0.0)]),
            true,
            Join::Miter,
        ),
        'p' => (poly(&regular(5, 0.5, 0.0)), true, Join::Miter),
        'h' => (poly(&regular(6, 0.5, 0.0)), true, Join::Miter),
        'H' => (poly(&regular(6, 0.5, 30.0)), true, Join::Miter),
        '*' => {
            let outer = regular(5, 0.5, 0.0);
            let inner = regular(5, 0.5 * 0.381_966, 36.0);
            let pts: Vec<(f64, f64)> = outer.iter().zip(&inner).flat_map(|(&a, &b)| [a, b]).collect();
            (poly(&pts), true, Join::Bevel)
        }
        'P' => {
            let (a, b) = (1.0 / 6.0, 0.5);
            (
                poly(&[
                    (-a, -b),
                    (a, -b),
                    (a, -a),
                    (b, -a),
                    (b, a),
                    (a, a),
                    (a, b),
                    (-a, b),
                    (-a, a),
                    (-b, a),
                    (-b, -a),
                    (-a, -a),
                ]),
                true,
                Join::Miter,
            )
        }
        'X' => {
            let pts: Vec<(f64, f64)> = [
                (-1.0 / 6.0, -0.5),
                (1.0 / 6.0, -0.5),
                (1.0 / 6.0, -1.0 / 6.0),
                (0.5, -1.0 / 6.0),
                (0.5, 1.0 / 6.0),
                (1.0 / 6.0, 1.0 / 6.0),
                (1.0 / 6.0, 0.5),
                (-1.0 / 6.0, 0.5),
                (-1.0 / 6.0, 1.0 / 6.0),
                (-0.5, 1.0 / 6.0),
                (-0.5, -1.0 / 6.0),
                (-1.0 / 6.0, -1.0 / 6.0),
            ]
            .iter()
            .map(|&(x, y): &(f64, f64)| {
                let (s, c) = 45f64.to_radians().sin_cos();
                (x * c - y * s, x * s + y * c)
            })
            .collect();
            (poly(&pts), true, Join::Miter)
        }
        '+' => (
            [seg((-0.5, 0.0), (0.5, 0.0)), seg((0.0, -0.5), (0.0, 0.5))].concat(),
            false,
            Join::Miter,
        ),
        'x' => (
            [seg((-0.5, -0.5), (0.5, 0.5)), seg((-0.5, 0.5), (0.5, -0.5))].concat(),
            false,
            Join::Miter,
        ),
        '|' => (seg((0.0, -0.5), (0.0, 0.5)), false, Join::Miter),
        '_' => (seg((-0.5, 0.0), (0.5, 0.0)), false, Join::Miter),
        '1' | '2' | '3' | '4' => {
            let rot = match c {
                '1' => 180.0,
                '2' => 0.0,
                '3' => 90.0,
                _ => 270.0,
            };
            let arms: Vec<Cmd> = regular(3, 0.5, rot).iter().flat_map(|&p| seg((0.0, 0.0), p)).collect();
            (arms, false, Join::Miter)
        }
        _ => (circle(0.5), true, Join::Round),
    }
}

/// Draws marker `m` centred at (x, y) pixels.
pub fn push(m: &Marker, x: f64, y: f64, pt: f64, clip: Option<[f64; 4]>, out: &mut Vec<Prim>) {
    if m.shape == ',' {
        let cmds = super::prim::rect(x.floor(), y.floor(), x.floor() + 1.0, y.floor() + 1.0);
        out.push(Prim::Path {
            cmds,
            fill: Some(m.face),
            pen: None,
            clip,
            text: None,
        });
        return;
    }
    let (cmds, filled, join) = shape(m.shape);
    let s = m.size * pt;
    let map = |a: f64, b: f64| (x + a * s, y - b * s);
    let cmds = cmds
        .into_iter()
        .map(|c| match c {
            Cmd::Move(a, b) => {
                let (p, q) = map(a, b);
                Cmd::Move(p, q)
            }
            Cmd::Line(a, b) => {
                let (p, q) = map(a, b);
                Cmd::Line(p, q)
            }
            Cmd::Quad(a, b, c, d) => {
                let ((p, q), (r, t)) = (map(a, b), map(c, d));
                Cmd::Quad(p, q, r, t)
            }
            Cmd::Cubic(a, b, c, d, e, f) => {
                let ((p, q), (r, t), (u, v)) = (map(a, b), map(c, d), map(e, f));
                Cmd::Cubic(p, q, r, t, u, v)
            }
            Cmd::Close => Cmd::Close,
        })
        .collect();
    let edge = m.edge;
    let pen = (m.edge_width > 0.0 && edge[3] > 0.0).then(|| Pen {
        color: edge,
        width: m.edge_width * pt,
        dash: None,
        cap: Cap::Butt,
        join,
    });
    let fill = (filled && m.face[3] > 0.0).then_some(m.face);
    out.push(Prim::Path {
        cmds,
        fill,
        pen,
        clip,
        text: None,
    });
}
