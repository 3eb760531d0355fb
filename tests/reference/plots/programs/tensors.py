# Tensors (float32, with gradients) and lists are data as arrays are: a training curve.
# rms-bound: 12
import torch
import matplotlib.pyplot as plt

torch.manual_seed(0)
w = torch.zeros(1, requires_grad=True)
losses = []
for step in range(20):
    loss = (3.0 - w * 2.0).pow(2).sum()
    loss.backward()
    with torch.no_grad():
        w -= 0.05 * w.grad
    w.grad.zero_()
    losses.append(loss.item())
steps = torch.arange(20)
plt.plot(steps, torch.tensor(losses), 'o-', label='loss')
plt.plot([0, 19], [losses[0], losses[-1]], color='0.5', linewidth=1)
plt.axvline(10, color='tab:red', linestyle='--')
plt.xlabel('step')
plt.ylabel('loss')
plt.legend()
print(plt.xlim(), plt.ylim())
print(plt.xticks([0, 5, 10, 15], ['start', '5', '10', '15'])[1])
plt.grid(True)
plt.savefig('tensors.png')
plt.savefig('tensors.svg')
