# statistics: CPython 3.11's results bit for bit. mean and the variances sum the data
# exactly (floats as integer ratios), so they need unbounded ints; the data here are
# int, float, bool and mixed, with infinities and NaNs, and every error message.
import math
import statistics
from statistics import (mean, fmean, geometric_mean, harmonic_mean, median, median_low,
                        median_high, median_grouped, mode, multimode, quantiles, pstdev,
                        pvariance, stdev, variance, covariance, correlation,
                        linear_regression, StatisticsError)


def show(label, f, *args, **kwargs):
    try:
        result = f(*args, **kwargs)
    except (StatisticsError, ValueError, TypeError, ZeroDivisionError, OverflowError, AttributeError) as e:
        print(label, type(e).__name__, e)
        return
    print(label, repr(result), type(result).__name__)


floats = [2.75, 1.75, 1.25, 0.25, 0.5, 1.25, 3.5]
ints = [1, 2, 3, 4, 4]
tenths = [0.1, 0.2, 0.3, 0.4, 0.7, 1.1]
mixed = [1, 2.5, 3, 4.25, True]
bools = [True, False, True, True]
big = [1e16, 1.0, -1e16, 3.0, 1e-300]
wide = [1e300, 1e-300, -1e300, 2.0]

for name, data in [('floats', floats), ('ints', ints), ('tenths', tenths), ('mixed', mixed),
                   ('bools', bools), ('big', big), ('wide', wide)]:
    print('--', name)
    show('mean', mean, data)
    show('fmean', fmean, data)
    show('median', median, data)
    show('median_low', median_low, data)
    show('median_high', median_high, data)
    show('median_grouped', median_grouped, data)
    show('variance', variance, data)
    show('pvariance', pvariance, data)
    show('stdev', stdev, data)
    show('pstdev', pstdev, data)
    show('quantiles', quantiles, data)
    show('quantiles10', quantiles, data, n=10, method='inclusive')

print('-- exact sums')
show('mean 0.1s', mean, [0.1] * 10)
show('sum 0.1s', sum, [0.1] * 10)
show('mean cancel', mean, [1e50, 1, -1e50] * 100)
show('mean ints', mean, [10**18, 10**18, 3])
show('mean int exact', mean, [2, 4, 6])
show('mean generator', mean, (x / 4 for x in range(9)))
show('mean range', mean, range(1, 101))
show('variance ints', variance, [1, 2, 3, 4, 5, 6])
show('variance exact int', variance, [1, 3, 5])
show('pvariance ints', pvariance, [0, 0, 1, 1])
show('variance xbar', variance, [1.5, 2.5, 2.5, 2.75, 3.25, 4.75], 2.9)
show('pvariance mu', pvariance, [0.0, 0.25, 0.25, 1.25, 1.5, 1.75, 2.75, 3.25], 1.375)
show('stdev xbar', stdev, [1.5, 2.5, 2.5, 2.75], 2.3)
show('pstdev mu', pstdev, [1, 2, 3], 2)
show('stdev tiny', stdev, [1e-300, 2e-300, 4e-300])
show('stdev huge', stdev, [1e300, -1e300, 5e299])
show('pstdev one', pstdev, [5.5])
show('stdev 0.1s', stdev, [0.1, 0.2, 0.3])
show('variance overflow', variance, [1e308, -1e308])

print('-- infinities and nans')
inf = math.inf
nan = math.nan
show('mean inf', mean, [1.0, inf, 2])
show('mean -inf+inf', mean, [inf, -inf])
show('mean nan', mean, [nan, 1.0])
show('variance inf', variance, [1.0, inf])
show('pvariance nan', pvariance, [nan, 2.0])
show('stdev inf', stdev, [1.0, inf])
show('fmean inf', fmean, [inf, 1.0])

print('-- other means')
show('fmean weights', fmean, [85, 92, 83, 91], weights=[0.20, 0.20, 0.30, 0.30])
show('fmean iterator', fmean, iter([1.5, 2.5, 3.0]))
show('fmean empty', fmean, [])
show('fmean weights length', fmean, [1, 2], [1])
show('fmean zero weights', fmean, [1, 2], [0, 0])
show('geometric_mean', geometric_mean, [54, 24, 36])
show('geometric_mean floats', geometric_mean, [0.5, 2.0, 4.0, 8.0])
show('geometric_mean zero', geometric_mean, [1, 0])
show('geometric_mean empty', geometric_mean, [])
show('harmonic_mean', harmonic_mean, [40, 60])
show('harmonic_mean floats', harmonic_mean, [2.5, 3.0, 10.0])
show('harmonic_mean weights', harmonic_mean, [40, 60], weights=[5, 30])
show('harmonic_mean one', harmonic_mean, [7])
show('harmonic_mean one float', harmonic_mean, [2.5])
show('harmonic_mean zero', harmonic_mean, [2, 0, 3])
show('harmonic_mean negative', harmonic_mean, [1, -1])
show('harmonic_mean one negative', harmonic_mean, [-1])
show('harmonic_mean empty', harmonic_mean, [])
show('harmonic_mean weights size', harmonic_mean, [1, 2], weights=[1])
show('harmonic_mean generator', harmonic_mean, (x for x in [1, 2, 4]))
show('harmonic_mean one str', harmonic_mean, ['a'])

print('-- medians, modes, quantiles')
show('median odd', median, [3, 1, 5])
show('median even ints', median, [1, 3, 5, 7])
show('median even floats', median, [0.1, 0.4, 0.2, 0.3])
show('median strs', median, ['b', 'a', 'c'])
show('median_low strs', median_low, ['d', 'b', 'a', 'c'])
show('median_high strs', median_high, ['d', 'b', 'a', 'c'])
show('median empty', median, [])
show('median_low empty', median_low, [])
show('median_high empty', median_high, [])
show('median_grouped', median_grouped, [52, 52, 53, 54])
show('median_grouped interval', median_grouped, [1, 3, 3, 5, 7], interval=2)
show('median_grouped ages', median_grouped, [25] * 172 + [35] * 484 + [45] * 387 + [55] * 22 + [65] * 6, interval=10)
show('median_grouped empty', median_grouped, [])
show('median_grouped str', median_grouped, ['a', 'b'])
show('mode', mode, [1, 1, 2, 3, 3, 3, 3, 4])
show('mode strs', mode, ['red', 'blue', 'blue', 'red', 'green', 'red', 'red'])
show('mode tie', mode, ['b', 'a', 'a', 'b'])
show('mode empty', mode, [])
show('multimode', multimode, 'aabbbbccddddeeffffgg')
show('multimode ints', multimode, [3, 1, 1, 3, 2])
show('multimode empty', multimode, [])
show('quantiles', quantiles, [105, 129, 87, 86, 111, 111, 89, 81, 108, 92, 110, 100, 75, 105, 103, 109, 76, 119, 99, 91, 103, 129, 106, 101, 84, 111, 74, 87, 86, 103, 103, 106, 86, 111, 75, 87, 102, 121, 111, 88, 89, 101, 106, 95, 103, 107, 101, 81, 109, 104], n=10)
show('quantiles two', quantiles, [1, 2])
show('quantiles n=1', quantiles, [1, 2, 3], n=1)
show('quantiles inclusive', quantiles, [1.5, 2.5, 4.0, 7.25], n=5, method='inclusive')
show('quantiles n=0', quantiles, [1, 2, 3], n=0)
show('quantiles one', quantiles, [1])
show('quantiles method', quantiles, [1, 2, 3], method='median')

print('-- two inputs')
x = [1, 2, 3, 4, 5, 6, 7, 8, 9]
y = [1, 2, 3, 1, 2, 3, 1, 2, 3]
show('covariance', covariance, x, y)
show('covariance floats', covariance, [0.5, 1.5, 2.25], [3.0, 1.0, 0.5])
show('correlation', correlation, x, y)
show('correlation reversed', correlation, x, x[::-1])
show('correlation constant', correlation, x, [5] * 9)
show('linear_regression', linear_regression, [1, 2, 3, 4, 5], [2.1, 3.9, 6.2, 7.8, 10.1])
show('linear_regression proportional', linear_regression, [1, 2, 3], [2, 4.5, 5.5], proportional=True)
show('linear_regression constant', linear_regression, [2, 2, 2], [1, 2, 3])
lr = linear_regression([0, 1, 2, 3], [1, 3, 5, 7])
print(lr.slope, lr.intercept, lr[0], lr)
show('covariance lengths', covariance, [1, 2], [1])
show('covariance one', covariance, [1], [1])
show('correlation lengths', correlation, [1, 2, 3], [1, 2])
show('correlation one', correlation, [1], [2])
show('linear_regression lengths', linear_regression, [1], [1, 2])
show('linear_regression one', linear_regression, [1], [2])

print('-- errors')
show('mean empty', mean, [])
show('variance one', variance, [1])
show('pvariance empty', pvariance, [])
show('stdev one', stdev, [2.5])
show('pstdev empty', pstdev, [])
show('mean strs', mean, ['a', 'b'])
show('variance none', variance, [None, 1])
print('StatisticsError is a ValueError:', isinstance(StatisticsError('x'), ValueError))
try:
    statistics.mean([])
except ValueError as e:
    print('caught as ValueError:', e)

print('-- NormalDist')
from statistics import NormalDist
nd = NormalDist(100, 15)
print(nd, nd.mean, nd.median, nd.mode, nd.stdev, nd.variance)
print(nd.pdf(100), nd.pdf(130.5), nd.zscore(127.5))
print(nd.inv_cdf(0.5), nd.inv_cdf(0.975), nd.inv_cdf(0.01), nd.inv_cdf(1e-12))
print(nd.quantiles(), NormalDist().quantiles(n=10))
print(nd + 5, nd - 5, nd * 2, nd / 3, -nd, +nd, 5 + nd, 5 - nd, 2 * nd)
print(nd + NormalDist(1, 20), nd - NormalDist(1, 20))
print(nd == NormalDist(100.0, 15.0), nd == NormalDist(100, 16), nd == 100)
print(NormalDist(2.5, 1.5).samples(4, seed=42))
print(NormalDist.from_samples([2.5, 3.25, 5.5, 11.25, 11.75]))
show('NormalDist sigma', NormalDist, 0, -1)
show('pdf sigma 0', NormalDist(1, 0).pdf, 1)
show('inv_cdf p', nd.inv_cdf, 1.0)
show('inv_cdf sigma', NormalDist(1, 0).inv_cdf, 0.5)
show('zscore sigma', NormalDist(1, 0).zscore, 2)
show('from_samples one', NormalDist.from_samples, [1.0])
