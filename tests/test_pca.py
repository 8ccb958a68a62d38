"""nn/pca.py: PCA by SVD against a direct eigen-decomposition of the covariance."""
import numpy as np
import pytest

from digitlab.nn.model.network import MultiLayerNet
from digitlab.nn.model.pca import fit_pca, layer_maps, layer_outputs, place


def test_first_component_explains_the_covariance_top_eigenvalue():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(500, 6)) @ rng.normal(size=(6, 6)) + 3.0
    pca = fit_pca(X, 2)
    eigenvalues, eigenvectors = np.linalg.eigh(np.cov(X, rowvar=False))
    assert pca.explained_variance[0] == pytest.approx(eigenvalues[-1], rel=1e-10)
    assert pca.explained_variance[1] == pytest.approx(eigenvalues[-2], rel=1e-10)
    assert pca.total_variance == pytest.approx(eigenvalues.sum(), rel=1e-10)
    assert abs(pca.components[0] @ eigenvectors[:, -1]) == pytest.approx(1.0, abs=1e-10)
    assert pca.explained_ratio[0] == pytest.approx(eigenvalues[-1] / eigenvalues.sum())


def test_projection_is_centred_and_has_the_explained_variance():
    X = np.random.default_rng(1).normal(size=(300, 5)) * [5, 3, 1, 0.5, 0.1]
    pca = fit_pca(X, 2)
    points = pca.project(X)
    np.testing.assert_allclose(points.mean(axis=0), 0, atol=1e-10)
    np.testing.assert_allclose(points.var(axis=0, ddof=1), pca.explained_variance, rtol=1e-10)
    np.testing.assert_allclose(pca.project(X[7]), points[7])


def test_pca_refuses_one_row():
    with pytest.raises(ValueError, match="N >= 2"):
        fit_pca(np.ones((1, 3)))


def test_a_map_per_layer_and_a_new_input_placed_on_each():
    net = MultiLayerNet(784, (16, 8), 10, rng=np.random.default_rng(2))
    x = np.random.default_rng(3).random((50, 784)).astype(np.float32)
    maps = layer_maps(net, x)
    assert [m.pca.mean.shape for m in maps] == [(784,), (16,), (8,), (10,)]
    assert all(m.points.shape == (50, 2) for m in maps)
    where = place(net, maps, x[4])
    for m, point in zip(maps, where):
        np.testing.assert_allclose(point, m.points[4], rtol=1e-4, atol=1e-5)
    assert len(layer_outputs(net, x)) == 4
