//! The special-case NumPy 2.4 tables: the float32 loop with `fct = float32(1)`, `irfft`
//! with an input length other than `n/2+1`, and the combined hashes of the sweep over
//! all lengths `1..=SWEEP_MAX` (see `tests.rs` for the generator).

// float32 loop with fct = float32(1): (kind, hex hashes per LENGTHS entry)
pub(super) const EXPECTED_F32_ONE: &[(&str, &str)] = &[
    (
        "fwd",
        "\
         88332678e86b6fed afe49d614467182d a9ac973f154af17a 36b91ff0ac67d773 c340c073c8f15682 bf09a32b66d676be \
         ab4921d40a5eeac3 0aca3ae49be4c3da 8efcaabc0ae6c2f7 186d0aef35a909a4 288f7e3cb6bf9b72 b3afc94d97dfb215 \
         b9d5be37e2587d50 3efb3fbad533b9fc 6161bb59c014ffdc 5c4a5ede0af7ea5b 5ff10bd1941aa7c6 4d373876d3b1feac \
         b28b3c0c64fe1e5d 313a081a14abbdb7 ddd2d8d01363bb9b f592ed5a32e71e3c e1366e5e50f7ad45 1450c0cdba6b11a4 \
         77a4569fa1cc5c95 9d4c14daaddf6867 a33671f1b6218e17 16bd1082839a3db0 b2d44fdc99e1a18b c3b1d979f7876e12 \
         cfd0591ee1d6b07b 2fb9dfd237b97170 0c2355555949bf0a f27976cbd3c83e2e b38c9a10359cfcc6 5687cbe37821e189 \
         554ba8b03f77e06e e974ea9762a0afde a40d324e37fbcb51 d8d034e73e9b7e0c 023e9aefe9fbdc26 4393e94b692716d6 \
         9f44ec204eaa2a5f a6e1cbd50b0a3969 eeda2267129c1968 b7ea419611edbcb0 0b1dfcfea09cda92 54f8bd0c22f09e4a \
         e784cec90f941cf6 d4b378769c9f46f1 8a9230f8b5139882 a792078eeb640da0 d5f5490f65134fba 93f05cf6cef1912f \
         5544f698282c3524 68c8a67fd2d44c13 b03237fd2578b060 33b551ab961738ff 9cf54f6efbd7610c 118172682a43d797 \
         3bf1d72db3c8acec 8d5aaeabb60587a4 c38d93840276319f ba8183120e33f882 b8035b1d2fef4705 11f624b3edc83e76 \
         7ab7011ddcf07585 85a401d137390496 a5143c3b4ba75e34 3df7b2d8e7efa1fc c202678879039f08 709acf25ef4003a9 \
         b2400033a0e02d04 ab4673a1f55dc9fd 0a37e9bf5305c29e 9d31131ac5f7a98d c0c15f8258321214 4416b4a776303373 \
         9fb83c94b9822667 c72286ebd03fe7d8 3a93752d0151fb7a 1f6b174beec4ffc8 6501b86b8ab68578 79c37d1fb4aa282e \
         1d5f0aae83c4de05 c121a992d67681c8 d7b8cbf40554e7e1 0e9fe52568aaa77c 7bd58898a1300533",
    ),
    (
        "bwd",
        "\
         88332678e86b6fed afe49d614467182d f8af447fb1ed4e9e 145f212c638f04fb 66248122eeb2c322 6f0df1436b596113 \
         4f016b0f7588fcfb c6cfb3ffc67792a2 1e8d2871e0a3887b 7dae783792e26632 b1abc1eeca5092de 953c220edb9b84f0 \
         6caebb31fd355614 b3e381831f3e290c 9fd786f23edc334e 6e13da3c5ee8c684 382c78de87408cc2 cf54901d07c46a3d \
         a6aeee4622732445 d9b009bca30326af b784e648d91b51fb 0e0c4624f062e669 6bbf8068ecd710c1 7186bec7a57f2f1c \
         c1190501c0d91653 860683f28390a030 d1b6a9f0045d8734 d7ceee195f3176ab 43f1fef2350af117 ca23c39811c4ec17 \
         e0c66ef5d1dff7cb 001b40ca91793db8 fa93733d4e3bc313 c5909a9a7278c328 bf1b0b39eeb278d6 4f41a1ce24acd75d \
         5ced611472a78226 f7e0aa2198c0546c 10eaa744cd2a2ea6 0eda3ee7e1c7e120 6ee597b8f3a54292 e31210da3159f17e \
         503adb032d298877 068b038a11d51846 592825b7ff9f3a30 d3ee7a4bcbc55cd5 e3ca23812664f49e b678901da8aae6cc \
         745be191e1815e51 f84622dbccce4851 1cacfc44003c15a7 3271dbc6f7a6cbed 7c77e6d2853fab66 16a91707812e493d \
         9534e1f539757574 42f3dde1a3893f9f 71c5fb7b12a1cdb2 60e92b4544b88506 b9b5e998ee5023bc 4e7eef7eef2b05f2 \
         84b7e92569b7af30 bbb5f663a98cd1ca 3ecf0f19e3e5dda2 2e1bfad9902654a1 4d312dc428048945 33f57e3c656915d6 \
         2e6bbac498f08540 da3ad5c318b37b1d 638bd15b2c09bc79 a934c803a6957c74 cd8c76f4895b0233 b10c13decd10841c \
         240fcd558d69765d ee506eb71c890eb9 d373655f52941fdc db740d376b467222 abaf6cdbdeff4419 3339088317fbe4b6 \
         6cfba35459882355 61c8276a032fa9a9 6322faeffba1111b 948a9e981a584aae 4054ad270cd3183a 8097ba2b74b6063f \
         79ff1f0153cffa7c c223293b9d98d41c 2149c90d8385456d d77ef10a9819b913 670e0c1048d07657",
    ),
    (
        "rfft",
        "\
         083326d583eb6fed c7d3d70bb2c0597e 342ed2c460a9def8 83b70b95396604f2 552fe7fc63be3736 8b245ab4190c9aeb \
         9da8ed924fc6a2c8 b187aa69495ed389 a1ebf854f15b41d2 83a428747329eb4d ddc8136e982ccdf3 34f24df42fa0f45d \
         005331371b8617ab d2cc2bb9e33193fa 90f3fd54ba7c485e d28bc4cee3712647 304ba7549c0adf18 d417a91f10cfae60 \
         e120d962304eba59 0d9607814fb3a090 44b025564cf8c0d4 7e6df7cbbb9d9786 4adb49c244f43d08 3f7b2a1a0ba0cc03 \
         7e7a0ecfd82fa965 1279b633cfb28ea5 01500745794893cf 882607fab748f755 35eac0a00cca8752 96b2b7ff3efe8a24 \
         3fc6b3d6b49263fe 8835453315a9fa17 07557b4356ae7ce9 66a74e9fe2ce6d8f 4f81e199c8547cf2 f98ecc922befa3c1 \
         61cb9de6b3b28599 a0d14036f4c6f2e5 1da283d654c6eb62 cfe08af630c4c4c4 f9f58bfe19e0bc8a da3618b485fd1799 \
         1b78f1c5d8520ae8 e1a1c025721b0d3c e4958720d03f48fe 96221a2d4564ff39 051303f6056a0e92 b375207789c2352f \
         9d55522f7efceab0 d2b8439a8a878e81 e39732a68c65fa0a 95c47e8031a221e6 7a085f23c6835cd8 28b3553bd11d4ec8 \
         d97c63c7a89fe5aa a05dd5e939b96ae4 6a37c434526ab339 bcb21a6996dea377 640086faebe399f5 8a137b9c68c2fe83 \
         08858a302327ab62 148130b0bf11d895 70fe6268566f4e7c a7cc59b21e1b9308 f2056c2da4378a45 0b20d1a4c06025c9 \
         72a0b25891e25405 2e2e89eaf05ae0e1 43d84ca246e28b30 3fc8a216dc10158f 8bfbad77f800246f 1c85bb168c0fdefa \
         eb85b9d435cd86fe f12b096968e1e2e6 d56af7874de2939d 6ec46578dbcadcaf 788f7bb59eb67412 74ff658c9c12995b \
         73c254ef3e1062c2 9f3baad9285ebedf e2356292d6c51905 7fd9ae95b92b4fc0 1c7db6c21452bd4f f76f4d3dbd897791 \
         049666e5d5042209 b4d899815fbcf53c af30e453e0c4245f 7f894710a4d5a093 2cd142232c4ebd9d",
    ),
    (
        "irfft",
        "\
         af63bda9fb01b7df 5cd8dd8a4df9ea4e 3ceb4dd19b8852dc eb62bedca82d3c86 3ebaa6434b322d31 43ab66bfe9ade32b \
         a8767a5771dc8a6f e736d1da05dccdbb 06ec6210c681f2b0 8da707fdb76b1f27 b7233608f1e9bf3b c1a85e7a88b3a7a2 \
         3c0f9cd13eed96c9 aa65542171fa3347 c7400e97113d05bf 3381550a8c1980b6 813d70b9f010e09a 3e0cee9293f3e5ee \
         fd51f9eff3408fe7 40c82ec0fd69b845 5ce61ccf46910bb6 b51a41ba323c5c2c e4043f514e37f1dc d8ff9a9135dad4bc \
         d135e56ae2ebacb9 938651a3778c1607 237ff3b3cf1cdfee b3014007f074c5f1 f65a75c591de5deb 0643301c23b2a611 \
         32d1b29e9a4d1eb4 49e2a2b4e45387f7 6670aa05eee00bd5 777db2d5c35db8ff 0e8b6b5b1a147331 b3b5b57505c001d8 \
         fa3e67a06e5a0b13 257dd3d6a27fd13d b01fa37cec84c39f dea4dc6474cbe3b3 ea7ce39ee1e06745 97035618d4ba50c6 \
         1d71140df9ecfdf6 4ab90aa7c9ec1835 d303964759b996b0 eb37e1269e6e2349 0e9f6d7ea3aae24d 585b3b531d058423 \
         776230844ca5e59f 52c6f5c7f64650c8 b24e1e6d07b856ce ef72111b98cbc3a2 6fa69668c0a993c5 6e7ada113f13d6d8 \
         6c1c4d49de2020e0 0b8f1d6eff73d58b f85101db3bff3fea 6225b2daf24b7738 ab7311b2411744bf dc7169d16d7a717b \
         5db08b53b7725e76 b778cc56580743d1 11b9d44c4ec383c5 cf280d2a20efc051 1cda9a0bbcb1f4c9 0eedc057d1f85ec9 \
         99cb474fe49cfc9c 37633fd74a50dcd3 c9b18cddae766cbc 60cedd972dc4874a 216619f69129e137 84a757aa2bfda9d5 \
         5e55ea429769d591 a17b84778cb0fc1a e4b21b8055449bb5 0786315cecb10694 1997fc8209950463 c065d9bf06a1d3f5 \
         58e9b0a5791b2449 544a33f218dc3a9b fa47bbc74c22073a ac3be05d51370e24 b73556f94a9cb215 7d5576829bd7567c \
         a453cd55b68f457a 5d11a6189e0283bc 9628ba1ea00c772f 5eedd9b3c1de9274 3195aca25ba30442",
    ),
];
// irfft with nin != n/2+1: (dtype, norm, n, nin, hash)
pub(super) const EXPECTED_IRFFT_NIN: &[(&str, &str, usize, usize, u64)] = &[
    ("f64", "backward", 1, 1, 0xddc3bd4c8601b7df),
    ("f64", "ortho", 1, 1, 0xddc3bd4c8601b7df),
    ("f32", "backward", 1, 1, 0xaf63bda9fb01b7df),
    ("f32", "ortho", 1, 1, 0xaf63bda9fb01b7df),
    ("f64", "backward", 1, 2, 0xddc3bd4c8601b7df),
    ("f64", "ortho", 1, 2, 0xddc3bd4c8601b7df),
    ("f32", "backward", 1, 2, 0xaf63bda9fb01b7df),
    ("f32", "ortho", 1, 2, 0xaf63bda9fb01b7df),
    ("f64", "backward", 1, 3, 0xddc3bd4c8601b7df),
    ("f64", "ortho", 1, 3, 0xddc3bd4c8601b7df),
    ("f32", "backward", 1, 3, 0xaf63bda9fb01b7df),
    ("f32", "ortho", 1, 3, 0xaf63bda9fb01b7df),
    ("f64", "backward", 1, 6, 0xddc3bd4c8601b7df),
    ("f64", "ortho", 1, 6, 0xddc3bd4c8601b7df),
    ("f32", "backward", 1, 6, 0xaf63bda9fb01b7df),
    ("f32", "ortho", 1, 6, 0xaf63bda9fb01b7df),
    ("f64", "backward", 2, 1, 0x63728807b4eb6fed),
    ("f64", "ortho", 2, 1, 0x6de5c73a2b3afa45),
    ("f32", "backward", 2, 1, 0x8833255fafeb6fed),
    ("f32", "ortho", 2, 1, 0x4b285a7d4a6965a3),
    ("f64", "backward", 2, 2, 0x00dcd9702c7c5ef2),
    ("f64", "ortho", 2, 2, 0x2aae84c270f63d72),
    ("f32", "backward", 2, 2, 0xdcd8dc6e88f9ea4e),
    ("f32", "ortho", 2, 2, 0xabb41ca2d696268a),
    ("f64", "backward", 2, 3, 0x00dcd9702c7c5ef2),
    ("f64", "ortho", 2, 3, 0x2aae84c270f63d72),
    ("f32", "backward", 2, 3, 0xdcd8dc6e88f9ea4e),
    ("f32", "ortho", 2, 3, 0xabb41ca2d696268a),
    ("f64", "backward", 2, 7, 0x00dcd9702c7c5ef2),
    ("f64", "ortho", 2, 7, 0x2aae84c270f63d72),
    ("f32", "backward", 2, 7, 0xdcd8dc6e88f9ea4e),
    ("f32", "ortho", 2, 7, 0xabb41ca2d696268a),
    ("f64", "backward", 3, 1, 0x9e3fc6c4acd34d5e),
    ("f64", "ortho", 3, 1, 0x63fe07a039340596),
    ("f32", "backward", 3, 1, 0xe022d7e2ad466368),
    ("f32", "ortho", 3, 1, 0x9e7690cca799355d),
    ("f64", "backward", 3, 2, 0x118c3cca978fbe14),
    ("f64", "ortho", 3, 2, 0xad87a003592a909b),
    ("f32", "backward", 3, 2, 0x2b74fffdb92c84a6),
    ("f32", "ortho", 3, 2, 0x9b4a7fd89263c403),
    ("f64", "backward", 3, 3, 0x118c3cca978fbe14),
    ("f64", "ortho", 3, 3, 0xad87a003592a909b),
    ("f32", "backward", 3, 3, 0x2b74fffdb92c84a6),
    ("f32", "ortho", 3, 3, 0x9b4a7fd89263c403),
    ("f64", "backward", 3, 7, 0x118c3cca978fbe14),
    ("f64", "ortho", 3, 7, 0xad87a003592a909b),
    ("f32", "backward", 3, 7, 0x2b74fffdb92c84a6),
    ("f32", "ortho", 3, 7, 0x9b4a7fd89263c403),
    ("f64", "backward", 7, 1, 0x5ab05e72b9ab37d5),
    ("f64", "ortho", 7, 1, 0x59f34da527ec9341),
    ("f32", "backward", 7, 1, 0x6573893f92bd999a),
    ("f32", "ortho", 7, 1, 0x91cd181892a58e37),
    ("f64", "backward", 7, 2, 0x62a075d6b32fc40c),
    ("f64", "ortho", 7, 2, 0xb005e6a191bb2d3f),
    ("f32", "backward", 7, 2, 0x653f09c231d793e8),
    ("f32", "ortho", 7, 2, 0xda8242a8a1f09687),
    ("f64", "backward", 7, 3, 0x7538dba370dcb903),
    ("f64", "ortho", 7, 3, 0x1a451cc922b02aa8),
    ("f32", "backward", 7, 3, 0x324fa728791a1d0e),
    ("f32", "ortho", 7, 3, 0xef437d26fc13f4d1),
    ("f64", "backward", 7, 4, 0x370332fa7c26170b),
    ("f64", "ortho", 7, 4, 0x3d32396d179232f4),
    ("f32", "backward", 7, 4, 0x1b239170173bac28),
    ("f32", "ortho", 7, 4, 0xc025db4861e9900b),
    ("f64", "backward", 7, 9, 0x370332fa7c26170b),
    ("f64", "ortho", 7, 9, 0x3d32396d179232f4),
    ("f32", "backward", 7, 9, 0x1b239170173bac28),
    ("f32", "ortho", 7, 9, 0xc025db4861e9900b),
    ("f64", "backward", 8, 1, 0x5fa7f832281a39c5),
    ("f64", "ortho", 8, 1, 0x8a1278c9ad5878a5),
    ("f32", "backward", 8, 1, 0x812d1e19b61a39c5),
    ("f32", "ortho", 8, 1, 0x107b556658ac274d),
    ("f64", "backward", 8, 2, 0x3e46ea5602c8376b),
    ("f64", "ortho", 8, 2, 0xe9800e50a7465b21),
    ("f32", "backward", 8, 2, 0x321a8e430bce4c4f),
    ("f32", "ortho", 8, 2, 0x7f3eae9bba3710d6),
    ("f64", "backward", 8, 3, 0xd1a6743753fc7ca2),
    ("f64", "ortho", 8, 3, 0x3ea2fe4a3ded674c),
    ("f32", "backward", 8, 3, 0x8a99680e527addeb),
    ("f32", "ortho", 8, 3, 0x03f5f1d949f27586),
    ("f64", "backward", 8, 4, 0x7b4d4b59c431d658),
    ("f64", "ortho", 8, 4, 0xa00bfd2d2d803ff6),
    ("f32", "backward", 8, 4, 0x37dfed4b636e1188),
    ("f32", "ortho", 8, 4, 0x114a832ee0ccb258),
    ("f64", "backward", 8, 5, 0xfaa0ccb5fdd7299f),
    ("f64", "ortho", 8, 5, 0xc5b40f2baee3a57c),
    ("f32", "backward", 8, 5, 0xb3af82f54cdccdbb),
    ("f32", "ortho", 8, 5, 0x4e037572790bd4e1),
    ("f64", "backward", 8, 10, 0xfaa0ccb5fdd7299f),
    ("f64", "ortho", 8, 10, 0xc5b40f2baee3a57c),
    ("f32", "backward", 8, 10, 0xb3af82f54cdccdbb),
    ("f32", "ortho", 8, 10, 0x4e037572790bd4e1),
    ("f64", "backward", 16, 1, 0x94e01fb960ff6465),
    ("f64", "ortho", 16, 1, 0x72201fb960ff6465),
    ("f32", "backward", 16, 1, 0x6255efaff4ff6465),
    ("f32", "ortho", 16, 1, 0xc0401c5420ff6465),
    ("f64", "backward", 16, 2, 0x15cfe1dab7b4e539),
    ("f64", "ortho", 16, 2, 0xee4fe1dab7b4e539),
    ("f32", "backward", 16, 2, 0xb29702a2f3a910f4),
    ("f32", "ortho", 16, 2, 0x780baec15ba910f4),
    ("f64", "backward", 16, 3, 0x26d83d5f14e2cade),
    ("f64", "ortho", 16, 3, 0xc9983d5f14e2cade),
    ("f32", "backward", 16, 3, 0x4e396ff723ab3d6e),
    ("f32", "ortho", 16, 3, 0x882c53737fab3d6e),
    ("f64", "backward", 16, 8, 0x91347ad6552957e3),
    ("f64", "ortho", 16, 8, 0x0a347ad6552957e3),
    ("f32", "backward", 16, 8, 0xdce692fd9cd6db6a),
    ("f32", "ortho", 16, 8, 0x30d8e1b876d6db6a),
    ("f64", "backward", 16, 9, 0xb26eaab274c3f0b8),
    ("f64", "ortho", 16, 9, 0x322eaab274c3f0b8),
    ("f32", "backward", 16, 9, 0xcd937f0c141980b6),
    ("f32", "ortho", 16, 9, 0x4cc88fb0301980b6),
    ("f64", "backward", 16, 14, 0xb26eaab274c3f0b8),
    ("f64", "ortho", 16, 14, 0x322eaab274c3f0b8),
    ("f32", "backward", 16, 14, 0xcd937f0c141980b6),
    ("f32", "ortho", 16, 14, 0x4cc88fb0301980b6),
    ("f64", "backward", 17, 1, 0xd7cfed1a71815401),
    ("f64", "ortho", 17, 1, 0xdd2e53a2acba44db),
    ("f32", "backward", 17, 1, 0x2f46685e4bee172c),
    ("f32", "ortho", 17, 1, 0xe9020cce752670c2),
    ("f64", "backward", 17, 2, 0xc30e97ceb65944b2),
    ("f64", "ortho", 17, 2, 0xdea66d3059b3ad18),
    ("f32", "backward", 17, 2, 0xfe4c512f1fc24b36),
    ("f32", "ortho", 17, 2, 0x51ae8f8e862e80d2),
    ("f64", "backward", 17, 3, 0xaf981c5d6dfb2e11),
    ("f64", "ortho", 17, 3, 0xef7b4ed27584ea94),
    ("f32", "backward", 17, 3, 0x14c4abe6c26c8bb2),
    ("f32", "ortho", 17, 3, 0x7e208e33b8b125ee),
    ("f64", "backward", 17, 8, 0x7218b6cb4e282619),
    ("f64", "ortho", 17, 8, 0xfbf9f6f23dfad91f),
    ("f32", "backward", 17, 8, 0x49108b38969b1d26),
    ("f32", "ortho", 17, 8, 0xf9db060545236ff9),
    ("f64", "backward", 17, 9, 0xde254a787537ffef),
    ("f64", "ortho", 17, 9, 0xc6cdf9d41c0cdbcd),
    ("f32", "backward", 17, 9, 0xb961600b5925f5ca),
    ("f32", "ortho", 17, 9, 0xdaa96b672957cc41),
    ("f64", "backward", 17, 14, 0xde254a787537ffef),
    ("f64", "ortho", 17, 14, 0xc6cdf9d41c0cdbcd),
    ("f32", "backward", 17, 14, 0xb961600b5925f5ca),
    ("f32", "ortho", 17, 14, 0xdaa96b672957cc41),
    ("f64", "backward", 100, 1, 0xc42f77e05d93a859),
    ("f64", "ortho", 100, 1, 0x61a6ce465715ec05),
    ("f32", "backward", 100, 1, 0x9111de45b87fc405),
    ("f32", "ortho", 100, 1, 0xd652828f081ebf71),
    ("f64", "backward", 100, 2, 0xf377ca3c5b10f18f),
    ("f64", "ortho", 100, 2, 0xb09c22401057b962),
    ("f32", "backward", 100, 2, 0xef5bf878edf0a49a),
    ("f32", "ortho", 100, 2, 0x60eb3b732040a2d3),
    ("f64", "backward", 100, 3, 0x8b6ae11950362872),
    ("f64", "ortho", 100, 3, 0xaa865eff07d2425c),
    ("f32", "backward", 100, 3, 0x19dab35d7e7e7f51),
    ("f32", "ortho", 100, 3, 0x54b61a037c487635),
    ("f64", "backward", 100, 50, 0x477c5955a597223a),
    ("f64", "ortho", 100, 50, 0xa167022e785a0195),
    ("f32", "backward", 100, 50, 0x436003bfcc0c1fc1),
    ("f32", "ortho", 100, 50, 0x7fc19a2dbba39b86),
    ("f64", "backward", 100, 51, 0x89bf544acf509821),
    ("f64", "ortho", 100, 51, 0xc53b92f786a90f28),
    ("f32", "backward", 100, 51, 0x44fd0992de7eb8b8),
    ("f32", "ortho", 100, 51, 0x097534fd53c56f93),
    ("f64", "backward", 100, 56, 0x89bf544acf509821),
    ("f64", "ortho", 100, 56, 0xc53b92f786a90f28),
    ("f32", "backward", 100, 56, 0x44fd0992de7eb8b8),
    ("f32", "ortho", 100, 56, 0x097534fd53c56f93),
    ("f64", "backward", 101, 1, 0x5e318844ed954d46),
    ("f64", "ortho", 101, 1, 0xdf63f96d64e52ba3),
    ("f32", "backward", 101, 1, 0xc57f449d88c0e7ae),
    ("f32", "ortho", 101, 1, 0x90389842a1305b5b),
    ("f64", "backward", 101, 2, 0xd5f08d7886c463e0),
    ("f64", "ortho", 101, 2, 0x2c494c3e3705bada),
    ("f32", "backward", 101, 2, 0xb92b24e6b4d09e74),
    ("f32", "ortho", 101, 2, 0x9b3f1702911e630c),
    ("f64", "backward", 101, 3, 0x41230a61ee5955fe),
    ("f64", "ortho", 101, 3, 0xe7f86136f129771d),
    ("f32", "backward", 101, 3, 0x97b3b784eefd0f09),
    ("f32", "ortho", 101, 3, 0xf5cfe857f0a2381b),
    ("f64", "backward", 101, 50, 0xc91fea23e5fc1092),
    ("f64", "ortho", 101, 50, 0x962811584c5df14a),
    ("f32", "backward", 101, 50, 0xd5b12960f50d3562),
    ("f32", "ortho", 101, 50, 0x487a570bd6cfc3ca),
    ("f64", "backward", 101, 51, 0x7413f346559bf4cd),
    ("f64", "ortho", 101, 51, 0x190372c88aa4ecd1),
    ("f32", "backward", 101, 51, 0x929e9810f497b55a),
    ("f32", "ortho", 101, 51, 0xc99126a0a99ef94f),
    ("f64", "backward", 101, 56, 0x7413f346559bf4cd),
    ("f64", "ortho", 101, 56, 0x190372c88aa4ecd1),
    ("f32", "backward", 101, 56, 0x929e9810f497b55a),
    ("f32", "ortho", 101, 56, 0xc99126a0a99ef94f),
    ("f64", "backward", 1009, 1, 0x2c6b3284f77e41b4),
    ("f64", "ortho", 1009, 1, 0xcd948c5ed21a6216),
    ("f32", "backward", 1009, 1, 0xc1257488c57c4b89),
    ("f32", "ortho", 1009, 1, 0x8b31d846ba247411),
    ("f64", "backward", 1009, 2, 0x885362b9d9132146),
    ("f64", "ortho", 1009, 2, 0x8e9558886a68f95c),
    ("f32", "backward", 1009, 2, 0x5c0e4e72ea46976d),
    ("f32", "ortho", 1009, 2, 0x54889db03689b3af),
    ("f64", "backward", 1009, 3, 0x76860bb297982771),
    ("f64", "ortho", 1009, 3, 0x8e07f705fd0b1aae),
    ("f32", "backward", 1009, 3, 0xd92ad097d347e220),
    ("f32", "ortho", 1009, 3, 0x0efea30d9fa85016),
    ("f64", "backward", 1009, 504, 0x890c0fe0347d9704),
    ("f64", "ortho", 1009, 504, 0x633a41da0ef4e98c),
    ("f32", "backward", 1009, 504, 0x41a6d95f1c0658da),
    ("f32", "ortho", 1009, 504, 0xf93771a07e8e6a8a),
    ("f64", "backward", 1009, 505, 0x41b676c6649d4b6a),
    ("f64", "ortho", 1009, 505, 0x5dddfc3acd20d1ea),
    ("f32", "backward", 1009, 505, 0xc50ac4edc714d6bc),
    ("f32", "ortho", 1009, 505, 0x60b4aefb1e2a8a89),
    ("f64", "backward", 1009, 510, 0x41b676c6649d4b6a),
    ("f64", "ortho", 1009, 510, 0x5dddfc3acd20d1ea),
    ("f32", "backward", 1009, 510, 0xc50ac4edc714d6bc),
    ("f32", "ortho", 1009, 510, 0x60b4aefb1e2a8a89),
    ("f64", "backward", 1024, 1, 0x8ad88627df287325),
    ("f64", "ortho", 1024, 1, 0xcef88627df287325),
    ("f32", "backward", 1024, 1, 0x023fb1a6db287325),
    ("f32", "ortho", 1024, 1, 0x3902f00842287325),
    ("f64", "backward", 1024, 2, 0xc4667cd7f4592ec6),
    ("f64", "ortho", 1024, 2, 0xdf667cd7f4592ec6),
    ("f32", "backward", 1024, 2, 0x720a3e9f130f0ce5),
    ("f32", "ortho", 1024, 2, 0x4c450cb2fc0f0ce5),
    ("f64", "backward", 1024, 3, 0x3ce804229b8e3166),
    ("f64", "ortho", 1024, 3, 0xc84804229b8e3166),
    ("f32", "backward", 1024, 3, 0x92d6e1d240a7cde1),
    ("f32", "ortho", 1024, 3, 0xbb23a8b7b9a7cde1),
    ("f64", "backward", 1024, 512, 0x17c03ec064a44b8b),
    ("f64", "ortho", 1024, 512, 0x79803ec064a44b8b),
    ("f32", "backward", 1024, 512, 0x7acd0886dbdcde2a),
    ("f32", "ortho", 1024, 512, 0x6ba51e167adcde2a),
    ("f64", "backward", 1024, 513, 0xd34739e719993340),
    ("f64", "ortho", 1024, 513, 0xecc739e719993340),
    ("f32", "backward", 1024, 513, 0x7218a9ea3eb10694),
    ("f32", "ortho", 1024, 513, 0xcc9338a4e8b10694),
    ("f64", "backward", 1024, 518, 0xd34739e719993340),
    ("f64", "ortho", 1024, 518, 0xecc739e719993340),
    ("f32", "backward", 1024, 518, 0x7218a9ea3eb10694),
    ("f32", "ortho", 1024, 518, 0xcc9338a4e8b10694),
];
// combined hash over n = 1..=SWEEP_MAX: (dtype, norm, kind, hash)
pub(super) const EXPECTED_SWEEP: &[(&str, &str, &str, u64)] = &[
    ("f64", "backward", "fwd", 0xfc223090e875bcda),
    ("f64", "forward", "bwd", 0x5dbaa15f0a77d67d),
    ("f64", "backward", "rfft", 0xb5e610346e66fb24),
    ("f64", "backward", "irfft", 0x9b37646ee0185b26),
    ("f32", "ortho", "fwd", 0x15fad0cb3916f647),
    ("f32", "ortho", "rfft", 0xf712dee610ae2d87),
    ("f32", "ortho", "irfft", 0x9c1f30e53330fad4),
];
