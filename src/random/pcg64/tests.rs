//! Bit-for-bit checks against NumPy 2.x: seeding, spawn keys, uniform floats, normals
//! and exponentials, long streams, bounded integers, shuffling, advance/jump and the
//! ziggurat tables.

use super::ziggurat_tables::*;
use super::*;

fn st(g: &Pcg64) -> (u128, u128, bool, u32) {
    g.state()
}

/// NumPy's wrapping checksum `sum(bits[i] * (2i + 1)) mod 2^64`.
fn hash(bits: impl Iterator<Item = u64>) -> u64 {
    bits.enumerate()
        .fold(0u64, |h, (i, b)| h.wrapping_add(b.wrapping_mul(2 * i as u64 + 1)))
}

#[test]
fn seeding_matches_numpy() {
    // (seed, state, inc, first three random_raw)
    let g = Pcg64::default_rng(0);
    assert_eq!(
        st(&g),
        (
            0x1aa1b5345996452d09585eb7a69561e3,
            0x418ddadb3af71a82588133bc447873a9,
            false,
            0
        )
    );
    assert_eq!(
        SeedSequence::from_u128(0).generate_state_u64(4),
        [
            0xdb2cd7e7b0f478be,
            0xabf4641a2c71ba49,
            0x20c6ed6d9d7b8d41,
            0x2c4099de223c39d4
        ]
    );
    let mut g = g;
    assert_eq!(
        [g.next_u64(), g.next_u64(), g.next_u64()],
        [0xa30febcfd9c2825f, 0x4510bdf882d9d721, 0xa7d3da94ecde8b8]
    );

    let mut g = Pcg64::default_rng(42);
    assert_eq!(
        st(&g),
        (
            0xcea44f6798798f2aacbc7c9d68860ac8,
            0xfa505436c9a8416e66caf2e28d25abff,
            false,
            0
        )
    );
    assert_eq!(
        [g.next_u64(), g.next_u64(), g.next_u64()],
        [0xc621fbcd16d92688, 0x705a5661a791ffc1, 0xdbcd12c26eda1624]
    );

    let mut g = Pcg64::default_rng(1 << 70);
    assert_eq!(
        st(&g),
        (
            0xff0200755b1f8d4a6e1bef9106ac0f82,
            0x8bae9b11be57128c88ff8dd5d4efb5b5,
            false,
            0
        )
    );
    assert_eq!(
        [g.next_u64(), g.next_u64(), g.next_u64()],
        [0x8af79fb2a29e6055, 0xeee07c98c30ebfef, 0x78fc4d7e9bc0cf60]
    );

    let mut g = Pcg64::default_rng_seq(&[1, 2, 3]);
    assert_eq!(
        st(&g),
        (
            0xb5f7801c017411bef4f61d010361d979,
            0x21efe6ce1468888b311a8c35e9261f19,
            false,
            0
        )
    );
    assert_eq!(
        [g.next_u64(), g.next_u64(), g.next_u64()],
        [0xaba411f8f6c9b990, 0x1c6b7489df5024fb, 0x82f2425c7e3229b3]
    );

    // 2**200 + 5: seven words, more than the pool holds.
    let mut w = [0u32; 7];
    w[0] = 5;
    w[6] = 1 << 8;
    let g = Pcg64::default_rng_words(&w);
    assert_eq!(
        st(&g),
        (
            0x68aab32dfb4fa5aecdaa4282a32a95f0,
            0x5571582214a21c5b3dfd3b13c335cfd9,
            false,
            0
        )
    );

    // [2**40, 7, 0, 0, 0, 9]: 2**40 is two words, then zeros that count.
    let g = Pcg64::default_rng_seq(&[1 << 40, 7, 0, 0, 0, 9]);
    assert_eq!(
        st(&g),
        (
            0x173d45160417088b4979778ed612d291,
            0x35a273d0c96ef3eb44e4570a0e098b19,
            false,
            0
        )
    );

    let mut g = Pcg64::default_rng(12345678901234567890);
    assert_eq!(
        st(&g),
        (
            0xf9bdcde236d2ecd834d22711ba6ce97d,
            0xf0918234e1fa46285f9c82694a175b85,
            false,
            0
        )
    );
    assert_eq!(g.next_u64(), 0x114e1b88d306508);

    let ss = SeedSequence::from_u128(0xdeadbeef12345678cafebabe);
    assert_eq!(
        ss.generate_state_u32(7),
        [
            0xa777671a, 0xb3b5befe, 0x9132eb58, 0xe5b33d8b, 0xf62de960, 0xddf00f4, 0xcd2e208
        ]
    );
    assert_eq!(
        ss.generate_state_u64(3),
        [0xb3b5befea777671a, 0xe5b33d8b9132eb58, 0xddf00f4f62de960]
    );
}

#[test]
fn spawn_key() {
    // SeedSequence(42, spawn_key=(1,)) and SeedSequence([1,2,3,4,5], spawn_key=(7, 2**33))
    assert_eq!(SeedSequence::with_spawn_key(&[42], &[1]).generate_state_u64(2), SPAWN_A);
    assert_eq!(
        SeedSequence::with_spawn_key(&[1, 2, 3, 4, 5], &[7, 0, 2]).generate_state_u64(2),
        SPAWN_B
    );
}

#[test]
fn uniform_floats() {
    let mut g = Pcg64::default_rng(42);
    let v: Vec<f64> = (0..5).map(|_| g.random()).collect();
    assert_eq!(
        v,
        [
            0.7739560485559633,
            0.4388784397520523,
            0.8585979199113825,
            0.6973680290593639,
            0.09417734788764953
        ]
    );
    let mut g = Pcg64::default_rng(42);
    let v: Vec<f32> = (0..3).map(|_| g.random_f32()).collect();
    assert_eq!(v, [0.08925092f32, 0.773956, 0.6545715]);
    assert_eq!(
        st(&g),
        (
            0x87c296e0de8cdf81c8e169623e387342,
            0xfa505436c9a8416e66caf2e28d25abff,
            true,
            1884968545
        )
    );
    // random(); integers(0, 10, 3); random(): doubles leave the 32-bit buffer alone.
    let mut g = Pcg64::default_rng(5);
    g.random();
    let mut o = [0i64; 3];
    g.integers_i64(0, 9, &mut o);
    assert_eq!(g.random(), 0.2858013800881416);
    assert_eq!(
        st(&g),
        (
            0x76ead6f70349d095e2c03679ca6c987a,
            0xaf6f7b8c936ab4a44f020b7b2d10234d,
            true,
            2213306431
        )
    );
}

#[test]
fn normals_and_exponentials() {
    let mut g = Pcg64::default_rng(42);
    let v: Vec<f64> = (0..6).map(|_| g.standard_normal()).collect();
    assert_eq!(
        v,
        [
            0.30471707975443135,
            -1.0399841062404955,
            0.7504511958064572,
            0.9405647163912139,
            -1.9510351886538364,
            -1.302179506862318
        ]
    );
    let mut g = Pcg64::default_rng(42);
    let v: Vec<f64> = (0..4).map(|_| g.standard_exponential()).collect();
    assert_eq!(
        v,
        [
            2.4042086039659947,
            2.3361896558244535,
            2.384760999874255,
            0.2797942898515832
        ]
    );
    let mut g = Pcg64::default_rng(42);
    let v: Vec<f32> = (0..3).map(|_| g.standard_normal_f32()).collect();
    assert_eq!(v, [0.14190717f32, -1.6685079, -1.332108]);
    assert_eq!(
        st(&g),
        (
            0x87c296e0de8cdf81c8e169623e387342,
            0xfa505436c9a8416e66caf2e28d25abff,
            true,
            1884968545
        )
    );
    let mut g = Pcg64::default_rng(42);
    let v: Vec<f32> = (0..3).map(|_| g.standard_exponential_f32()).collect();
    assert_eq!(v, [0.08859461f32, 2.9978545, 2.3619742]);
    let mut g = Pcg64::default_rng(42);
    let v: Vec<f64> = (0..3).map(|_| g.standard_exponential_inv()).collect();
    assert_eq!(v, EXP_INV);
    let mut g = Pcg64::default_rng(42);
    let v: Vec<f32> = (0..3).map(|_| g.standard_exponential_inv_f32()).collect();
    assert_eq!(v, EXP_INV_F32);
}

/// A million draws each, so the ziggurats' wedges and tails are all exercised.
#[test]
fn long_streams() {
    const N: usize = 1_000_000;
    let c7 = 0xc4751896ce8acebf66887f5ac070d959;
    let mut g = Pcg64::default_rng(7);
    assert_eq!(hash((0..N).map(|_| g.standard_normal().to_bits())), 0x638fc492b6d65322);
    assert_eq!(st(&g), (0xf006b6940d1439970bff8942ae49b5bf, c7, false, 0));
    let mut g = Pcg64::default_rng(7);
    assert_eq!(
        hash((0..N).map(|_| g.standard_exponential().to_bits())),
        0x687f0a264ce3f37b
    );
    assert_eq!(st(&g), (0x18c874acc94bfbb1f50bbc61918c9242, c7, false, 0));
    let mut g = Pcg64::default_rng(7);
    assert_eq!(
        hash((0..N).map(|_| g.standard_normal_f32().to_bits() as u64)),
        0x7e1c59259d28842f
    );
    assert_eq!(st(&g), (0xf1001b20fd86c5793b560eebf5142865, c7, true, 2774621360));
    let mut g = Pcg64::default_rng(7);
    assert_eq!(
        hash((0..N).map(|_| g.standard_exponential_f32().to_bits() as u64)),
        0x592dca71b58330bb
    );
    assert_eq!(st(&g), (0x9c6945805e2e8a00e546803a86e338b5, c7, false, 1974573925));

    let mut g = Pcg64::default_rng(7);
    let mut o = vec![0i64; N];
    g.integers_i64(-5, 999, &mut o);
    assert_eq!(hash(o.iter().map(|&x| x as u64)), 0x1c406598795eb);
    assert_eq!(st(&g), (0xcc81b4402e326587be862c1c7d0d3818, c7, false, 4077619815));
    let mut g = Pcg64::default_rng(7);
    let mut o = vec![0i32; N];
    g.integers_i32(-5, 999, &mut o);
    assert_eq!(hash(o.iter().map(|&x| x as u32 as u64)), 0x293ba145598795eb);
    assert_eq!(st(&g), (0xcc81b4402e326587be862c1c7d0d3818, c7, false, 4077619815));
    let mut g = Pcg64::default_rng(7);
    let mut o = vec![0i64; N];
    g.integers_i64(-(1 << 62), (1 << 62) + 12344, &mut o);
    assert_eq!(hash(o.iter().map(|&x| x as u64)), 0xfd392b0dd0703770);
    assert_eq!(st(&g), (0x46989bc8946ec2cf1ce182ce4faed550, c7, false, 0));
}

#[test]
fn integers() {
    let mut g = Pcg64::default_rng(42);
    let mut o = [0i64; 8];
    g.integers_i64(0, 9, &mut o);
    assert_eq!(o, [0, 7, 6, 4, 4, 8, 0, 6]);
    // Eight buffered 32-bit draws: the buffer is spent but its stale word is kept.
    assert_eq!(
        st(&g),
        (
            0x61654fe56e29569a6f734f6de39bd02c,
            0xfa505436c9a8416e66caf2e28d25abff,
            false,
            2995172878
        )
    );
    let mut g = Pcg64::default_rng(42);
    let mut o = [0u64; 4];
    g.bounded_u64_fill(0, (1 << 40) - 1, &mut o);
    assert_eq!(o, [850973674774, 482551947687, 944038396526, 766764256790]);

    // Closed ranges: rng == 0xFFFFFFFF, rng == 0, rng == u64::MAX.
    let mut g = Pcg64::default_rng(3);
    let mut o = [0i64; 5];
    g.integers_i64(0, (1 << 32) - 1, &mut o);
    assert_eq!(o, [3485385464, 367860371, 770692085, 1017093381, 778955830]);
    let mut o = [0i64; 3];
    g.integers_i64(5, 5, &mut o);
    assert_eq!(o, [5, 5, 5]);
    let mut o = [0u64; 2];
    g.bounded_u64_fill(0, u64::MAX, &mut o);
    assert_eq!(o, [10738994088709064484, 1736366973414412046]);
    assert_eq!(
        st(&g),
        (
            0xf228ccc9451124e613a941c045b04416,
            0xa7043c160277735a2ed88b8bc66abe1f,
            true,
            3441447623
        )
    );

    let mut g = Pcg64::default_rng(3);
    let mut o = [0u8; 7];
    g.bounded_u8_fill(0, 199, &mut o);
    assert_eq!(o, [193, 151, 148, 161, 114, 20, 16]);
    let mut o = [0u8; 5];
    g.bounded_u8_fill(0, 255, &mut o);
    assert_eq!(o, [245, 211, 239, 45, 5]);
    assert_eq!(
        st(&g),
        (
            0xd822a1aac7ca214d256d864d86815ab9,
            0xa7043c160277735a2ed88b8bc66abe1f,
            false,
            1017093381
        )
    );

    let mut g = Pcg64::default_rng(3);
    let mut o = [0u16; 7];
    g.bounded_u16_fill(0, 2999, &mut o);
    assert_eq!(o, [2284, 2434, 311, 256, 2483, 538, 1840]);

    let mut g = Pcg64::default_rng(3);
    let mut o = [false; 40];
    g.bounded_bool_fill(false, true, &mut o);
    let bits: Vec<u8> = o.iter().map(|&b| b as u8).collect();
    assert_eq!(
        bits,
        [
            0, 0, 0, 1, 1, 1, 1, 1, 0, 1, 0, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 0,
            1, 0, 0, 1
        ]
    );
    assert_eq!(
        st(&g),
        (
            0x8fa2dfbdeebf6c4cf254c87d41d7b8d2,
            0xa7043c160277735a2ed88b8bc66abe1f,
            false,
            367860371
        )
    );

    // Scalars: integers(10) twice, then integers(2**63 - 1).
    let mut g = Pcg64::default_rng(11);
    assert_eq!(g.bounded_u64(0, 9), 1);
    assert_eq!(g.bounded_u64(0, 9), 1);
    assert_eq!(g.bounded_u64(0, (1 << 63) - 2), 4605025475050782003);
    assert_eq!(
        st(&g),
        (
            0xa674023fc456ead8bc80ccc0650fff40,
            0x5f8ac07ffe071c3b00016928186734b,
            false,
            552204816
        )
    );
}

#[test]
fn shuffle_and_permutation() {
    let mut g = Pcg64::default_rng(5);
    assert_eq!(g.permutation(10), [7, 6, 1, 3, 2, 4, 0, 9, 5, 8]);
    assert_eq!(
        st(&g),
        (
            0x16c1631fdfaf13a804f7054d988b6b25,
            0xaf6f7b8c936ab4a44f020b7b2d10234d,
            true,
            1754379058
        )
    );
    let mut g = Pcg64::default_rng(5);
    let p = g.permutation(100_000);
    assert_eq!(hash(p.iter().map(|&x| x as u64)), 0x1c6699edd45f4);
    assert_eq!(
        st(&g),
        (
            0xad2e73dd9f7ba8dc1989691cf0a3e936,
            0xaf6f7b8c936ab4a44f020b7b2d10234d,
            true,
            1479408392
        )
    );

    let mut g = Pcg64::default_rng(11);
    let mut x = [0, 1, 2, 3, 4, 5];
    g.shuffle(&mut x);
    assert_eq!(x, [3, 1, 4, 5, 2, 0]);
    let mut o = [0i64; 3];
    g.integers_i64(0, (1 << 33) - 1, &mut o);
    assert_eq!(o, [1270675390, 7973271974, 604908143]);
    let mut o = [0i64; 5];
    g.integers_i64(-3, 3, &mut o);
    assert_eq!(o, [-3, 0, -3, 2, 3]);
    assert_eq!(
        st(&g),
        (
            0x5a850e7f2fc37b9089b546cb39bfcaf9,
            0x5f8ac07ffe071c3b00016928186734b,
            false,
            4073039692
        )
    );
}

#[test]
fn advance_and_jump() {
    let inc = 0xaf6f7b8c936ab4a44f020b7b2d10234d;
    let mut g = Pcg64::default_rng(5);
    g.random_f32();
    assert_eq!(st(&g.jumped(1)), (0x889f330567e03859c5e0675eed994388, inc, false, 0));
    assert_eq!(st(&g.jumped(3)), (0x7f7b45e1a1eb4ea02f5ef89f5d4abcce, inc, false, 0));
    g.advance(12345);
    assert_eq!(st(&g), (0xbde80d6f193765b20443d555832d0d74, inc, false, 0));
    let mut g = Pcg64::default_rng(5);
    g.advance(u128::MAX); // 2**130 - 1 wrapped
    assert_eq!(st(&g), (0x5ebb8229946b690b8cf7ab34b58ee0ad, inc, false, 0));
    // advance(n) is n steps.
    let mut a = Pcg64::default_rng(9);
    let mut b = a.clone();
    for _ in 0..1000 {
        a.next_u64();
    }
    b.advance(1000);
    assert_eq!(a.state().0, b.state().0);
}

#[test]
fn tables_are_numpys() {
    // Checksums of the raw table bits, from the compiled NumPy 2.4 tables.
    assert_eq!(hash(KI_DOUBLE.iter().copied()), TABLE_HASHES[0]);
    assert_eq!(hash(WI_DOUBLE.iter().map(|x| x.to_bits())), TABLE_HASHES[1]);
    assert_eq!(hash(FI_DOUBLE.iter().map(|x| x.to_bits())), TABLE_HASHES[2]);
    assert_eq!(hash(KI_FLOAT.iter().map(|&x| x as u64)), TABLE_HASHES[3]);
    assert_eq!(hash(WI_FLOAT.iter().map(|x| x.to_bits() as u64)), TABLE_HASHES[4]);
    assert_eq!(hash(FI_FLOAT.iter().map(|x| x.to_bits() as u64)), TABLE_HASHES[5]);
    assert_eq!(hash(KE_DOUBLE.iter().copied()), TABLE_HASHES[6]);
    assert_eq!(hash(WE_DOUBLE.iter().map(|x| x.to_bits())), TABLE_HASHES[7]);
    assert_eq!(hash(FE_DOUBLE.iter().map(|x| x.to_bits())), TABLE_HASHES[8]);
    assert_eq!(hash(KE_FLOAT.iter().map(|&x| x as u64)), TABLE_HASHES[9]);
    assert_eq!(hash(WE_FLOAT.iter().map(|x| x.to_bits() as u64)), TABLE_HASHES[10]);
    assert_eq!(hash(FE_FLOAT.iter().map(|x| x.to_bits() as u64)), TABLE_HASHES[11]);
}

const SPAWN_A: [u64; 2] = [0x1dcb763f3e63cba, 0x6aee7dd615de6f6e];
const SPAWN_B: [u64; 2] = [0x6e4ef672cd4e959e, 0x3bb7952b04a13d8d];
const EXP_INV: [f64; 3] = [1.4870258232016522, 0.5778177119982773, 1.9561478149587175];
const EXP_INV_F32: [f32; 3] = [0.09348786, 1.4870256, 1.0629696];
const TABLE_HASHES: [u64; 12] = [
    0xe1bf730d88073606,
    0x8052d695f7ad397a,
    0x71b60441e815fbe1,
    0x7f0dfb969d,
    0x346c0296bcd5,
    0x3df38db01d11,
    0x97769d38278de26c,
    0xd3cdbd5772e31da0,
    0x60105c7ead8d348e,
    0x7e5dda7827,
    0x34969e6de437,
    0x3d830082e2ed,
];
