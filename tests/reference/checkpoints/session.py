# Loads the checkpoints PyTorch wrote (torch/*.pt) and prints them, then loads the state
# dict into a fresh model and prints its outputs; valid in nt and in Python. gen.py runs
# it under CPython + PyTorch to write session.expected; tests/checkpoints.rs runs it in
# nt, in a copy of this folder, and compares.
import collections
import torch
import torch.nn as nn
from model import make_model, make_input

sd = torch.load('torch/model_sd.pt')
print(type(sd).__name__, list(sd.keys()))
for k, v in sd.items():
    print(k, v.dtype, tuple(v.shape), v.requires_grad)
print(sd['1.num_batches_tracked'], sd['1.running_mean'])

model = make_model()
print(model.load_state_dict(sd))
model.eval()
with torch.no_grad():
    print(model(make_input()))

opt = torch.load('torch/adam.pt')
print(sorted(opt.keys()), opt['param_groups'])
for i, s in opt['state'].items():
    print(i, s['step'], s['exp_avg'].shape, float(s['exp_avg_sq'].sum()))
model2 = make_model()
adam = torch.optim.Adam(model2.parameters(), lr=0.01)
adam.load_state_dict(opt)
print(adam.state_dict()['param_groups'][0]['lr'])

print(torch.load('torch/tensor.pt'))
print(torch.load('torch/mixed.pt'))
for t in torch.load('torch/dtypes.pt'):
    print(t.dtype, t)
views = torch.load('torch/views.pt')
print(views)
print([v.is_contiguous() for v in views], [v.stride() for v in views])
views[0][0] = 100.0
print(views[1])
print(torch.load('torch/tensor.pt', map_location='cpu'))
print(torch.load('torch/tensor.pt', map_location=torch.device('cpu')))
print(torch.load('torch/tensor.pt', weights_only=True))
p = torch.load('torch/param.pt')
print(p, p.requires_grad, p.is_leaf)

try:
    torch.load('torch/custom_class.pt')
except Exception as e:
    print(type(e).__name__)
    print(str(e).split('\n')[3])
try:
    torch.load('missing.pt')
except Exception as e:
    print(type(e).__name__, e)

# np.load of pickles: refused unless allow_pickle=True, then through an unpickler that
# accepts NumPy's and Python's plain values only.
import numpy as np
for name in ['objects.npy', 'values.pkl']:
    try:
        np.load('numpy/' + name)
    except ValueError as e:
        print(e)
print(repr(np.load('numpy/objects.npy', allow_pickle=True)))
print(repr(np.load('numpy/nested.npy', allow_pickle=True)))
f = np.load('numpy/fortran_objects.npy', allow_pickle=True)
print(repr(f))
values = np.load('numpy/values.pkl', allow_pickle=True)
print(values)
print(np.isfortran(values['f']), [type(s).__name__ for s in values['scalars']])
print(np.load('numpy/protocol2.pkl', allow_pickle=True))

# nt writes, nt reads: the same values back.
torch.save({'model': model.state_dict(), 'optimizer': adam.state_dict(), 'epoch': 3}, 'roundtrip.pt')
back = torch.load('roundtrip.pt')
print(back['epoch'], list(back['model'].keys()) == list(model.state_dict().keys()))
print(all(torch.equal(a, b) for a, b in zip(back['model'].values(), model.state_dict().values())))
print(back['optimizer']['param_groups'])
