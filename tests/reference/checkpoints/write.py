# Writes checkpoints from a program valid in nt and in Python. gen.py runs it in nt to
# make nt/*.pt (committed), then has PyTorch load them (read.py -> read.expected);
# tests/checkpoints.rs runs it in nt again and requires the same bytes.
import collections
import torch
import torch.nn as nn
from model import make_model, make_input

torch.manual_seed(0)
model = make_model()
model.train()
opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
for _ in range(2):
    opt.zero_grad()
    model(make_input()).square().mean().backward()
    opt.step()
torch.save(model.state_dict(), 'nt/model_sd.pt')
torch.save(opt.state_dict(), 'nt/sgd.pt')
torch.save({'ints': [0, 255, 256, 65535, 65536, -1, -2**31, 2**31, 2**70, -2**70],
            'floats': (0.5, -0.0, 1e300), 'text': 'ünï', 'none': None, 'flags': (True, False),
            'bytes': b'\x00\xff', 'set': {7}, 'complex': 1.5 - 2j, 'size': torch.Size([2, 3]),
            'dtype': torch.bfloat16, 'device': torch.device('cpu'),
            'counter': collections.Counter('abca'), 'ordered': collections.OrderedDict(b=2, a=1),
            'param': nn.Parameter(torch.tensor([1.0, -1.0])),
            'grad': torch.tensor([2.0, 3.0], requires_grad=True)}, 'nt/mixed.pt')
torch.save([torch.arange(6, dtype=torch.int16).reshape(2, 3).t(), torch.tensor([1 + 2j, -3j]),
            torch.zeros(2, dtype=torch.uint16), torch.tensor(True), torch.ones(0, 3, dtype=torch.float64),
            torch.tensor([0.1, 65504.0], dtype=torch.float16), torch.tensor([-7], dtype=torch.int8),
            torch.tensor([1, 200], dtype=torch.uint8), torch.tensor([3], dtype=torch.uint64)], 'nt/dtypes.pt')
