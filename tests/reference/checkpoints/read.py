# Loads the checkpoints nt wrote (nt/*.pt) and prints them; gen.py runs it under PyTorch
# (read.expected), tests/checkpoints.rs under nt, and the two must agree.
import torch
from model import make_model, make_input

sd = torch.load('nt/model_sd.pt')
print(list(sd.keys()))
model = make_model()
print(model.load_state_dict(sd))
model.eval()
with torch.no_grad():
    print(model(make_input()))
print(torch.load('nt/sgd.pt'))
print(torch.load('nt/mixed.pt'))
for t in torch.load('nt/dtypes.pt'):
    print(t.dtype, t.shape, t)
