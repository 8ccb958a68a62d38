"""A corpus of hostile files for every reader of the package, and a child process that reads it.

    corpus = make_corpus(folder, rng, mutants=20)   # [(reader, path), ...] written to folder
    report = read_in_child(folder, "model")        # a fresh Python reads every "model" file

Seeds are valid files of each kind (a model .npz, the textbook-style .pkl, a personal set .npz,
an exported personal .zip, PNG/JPEG/BMP/GIF/SVG/SVGZ images, MNIST IDX files raw and gzipped).
Each is mutated: truncated, bytes flipped, headers that lie (an .npy shape, a zip entry's sizes,
a PNG's width, an IDX count), decompression bombs (deflate, gzip, svgz), deep nesting (SVG
groups, a pickle of lists, JSON metadata), wrong types (one kind's bytes under another's name).

The child reads every file of one reader and reports, per file, "loaded" or the refusal (its
error type and message), plus its peak resident memory. A reader passes when every file is
loaded or refused with the reader's own error class in one line naming the file, the peak stays
bounded, and no file of the corpus changed. tests/test_hostile_files.py runs a small corpus;
`scripts/harness.py files` a large one.
"""
from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import pickle
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bombs import MIB, declare_shape, deflate_zeros, gzip_bomb, npy_header, zip_file  # noqa: E402

# reader -> (call in the child, the error class that counts as a clear refusal)
READERS = {
    "model": ("from digitlab.nn.files.model_io import load_any as read",
              "digitlab.nn.files.model_io.ModelFileError"),
    "personal": ("from digitlab.nn.data.personal import PersonalSet\n"
                 "from digitlab.nn.files.personal_zip import import_zip\n"
                 "read = lambda p: import_zip(p) if p.endswith('.zip') else PersonalSet.load(p)",
                 "digitlab.nn.files.personal_file.PersonalDataError"),
    "image": ("from PySide6.QtGui import QGuiApplication\n"
              "app = QGuiApplication(['hostile', '-platform', 'offscreen'])\n"
              "from digitlab.gui.draw.image_io import load_image_gray as read",
              "digitlab.gui.draw.image_io.ImageFileError"),
    "mnist": ("from digitlab.nn.data.mnist import read_idx as read", "digitlab.nn.files.idx.IdxError"),
}
SUFFIXES = {"model": ".npz", "personal": ".npz", "image": ".png", "mnist": ".gz"}


# -- seeds ---------------------------------------------------------------------------------------

def seeds(rng: np.random.Generator) -> dict[str, list[tuple[str, bytes]]]:
    """reader -> [(file name, valid content)]."""
    from digitlab.nn.files.model_io import save_model
    from digitlab.nn.model.network import MultiLayerNet
    from digitlab.nn.data.personal import PersonalSet
    from digitlab.nn.files.personal_zip import export_zip

    work = Path(os.environ.get("TMPDIR", "/tmp"))
    net = MultiLayerNet(784, (8,), 10, rng=rng)
    save_model_to = work / f"seed-model-{os.getpid()}.npz"
    save_model(save_model_to, net, {"test_accuracy": 0.5})
    model = save_model_to.read_bytes()
    save_model_to.unlink()
    pkl = pickle.dumps({key: value for key, value in net.params.items()}, protocol=2)
    personal = PersonalSet()
    for i in range(10):
        personal.add(rng.random((28, 28)), i % 10, [rng.random((5, 2)) * 280])
    personal_path = work / f"seed-personal-{os.getpid()}.npz"
    personal.save(personal_path)
    personal_npz = personal_path.read_bytes()
    zip_path = personal_path.with_suffix(".zip")
    export_zip(personal, zip_path)
    personal_zip = zip_path.read_bytes()
    personal_path.unlink()
    zip_path.unlink()
    images = rng.integers(0, 256, (30, 28, 28), dtype=np.uint8)
    idx_images = struct.pack(">IIII", 0x803, 30, 28, 28) + images.tobytes()
    idx_labels = struct.pack(">II", 0x801, 30) + (np.arange(30) % 10).astype(np.uint8).tobytes()
    return {
        "model": [("model.npz", model), ("weights.pkl", pkl)],
        "personal": [("mine.npz", personal_npz), ("mine.zip", personal_zip)],
        "image": [(f"digit.{fmt}", _image_bytes(fmt)) for fmt in ("png", "jpg", "bmp", "ppm")]
        + [("digit.svg", SVG), ("digit.svgz", gzip.compress(SVG))],
        "mnist": [("train-images-idx3-ubyte", idx_images),
                  ("train-images-idx3-ubyte.gz", gzip.compress(idx_images)),
                  ("train-labels-idx1-ubyte.gz", gzip.compress(idx_labels))],
    }


SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><rect width="100" '
       b'height="100" fill="white"/><text x="20" y="85" font-size="90">7</text></svg>')


def _image_bytes(fmt: str) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage

    image = QImage(40, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    for y in range(8, 32):
        for x in range(18, 23):
            image.setPixelColor(x, y, QColor("black"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, fmt.upper())
    return bytes(data)


# -- mutations -----------------------------------------------------------------------------------

def truncations(data: bytes, rng) -> list[bytes]:
    cuts = {0, 1, 8, len(data) // 2, len(data) - 1, *rng.integers(0, len(data), 3).tolist()}
    return [data[:cut] for cut in sorted(cuts) if cut < len(data)]


def flips(data: bytes, rng, n: int) -> list[bytes]:
    out = []
    for _ in range(n):
        mutated = bytearray(data)
        for position in rng.integers(0, len(data), int(rng.integers(1, 4))):
            mutated[position] ^= 1 << int(rng.integers(0, 8))
        out.append(bytes(mutated))
    return out


def lying_headers(name: str, data: bytes) -> list[bytes]:
    """Valid containers whose headers declare sizes the data does not have."""
    out = []
    if name.endswith(".npz"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            keys = [info.filename[:-4] for info in archive.infolist()]
        for key in keys[:3]:
            out += [declare_shape(data, key, (6_000_000_000_000, 28, 28)),
                    declare_shape(data, key, (2**31, 2**31)), declare_shape(data, key, (0,)),
                    declare_shape(data, key, ())]
        out.append(_lie_zip_sizes(data))
    if name.endswith(".zip"):
        out.append(_lie_zip_sizes(data))
    if name.endswith(".png") and len(data) > 24:   # IHDR width and height
        out.append(data[:16] + struct.pack(">II", 1_000_000, 1_000_000) + data[24:])
        out.append(data[:16] + struct.pack(">II", 0, 0) + data[24:])
    if name.startswith("train-images-idx3-ubyte") and not name.endswith(".gz"):
        out.append(struct.pack(">IIII", 0x803, 5_000_000, 28, 28) + data[16:])
        out.append(struct.pack(">IIII", 0x803, 30, 10**6, 10**6) + data[16:])
        out.append(struct.pack(">IIII", 0x80D, 30, 28, 28) + data[16:])
    if name.endswith(".svg"):
        out.append(data.replace(b'width="100" height="100"', b'width="9000000" height="9000000"'))
    return out


def _lie_zip_sizes(data: bytes) -> bytes:
    """Every central directory entry claims 4 GB - 1 unpacked."""
    out = bytearray(data)
    at = out.find(b"PK\x01\x02")
    while at >= 0:
        out[at + 24:at + 28] = struct.pack("<I", 0xFFFFFFFE)
        at = out.find(b"PK\x01\x02", at + 4)
    return bytes(out)


def bombs(reader: str) -> list[tuple[str, bytes]]:
    """(suffix, content): small files that unpack to hundreds of MB or GB."""
    zeros_npy = npy_header((1_000_000_000,), "<u1")
    npz_bomb = zip_file({"W1.npy": (deflate_zeros(1000, zeros_npy), len(zeros_npy) + 1000 * MIB,
                                    0)})
    out = {"model": [(".npz", npz_bomb)],
           "personal": [(".npz", npz_bomb),
                        (".zip", zip_file({"samples.csv": (deflate_zeros(600), 600 * MIB, 0)}))],
           "image": [(".svgz", gzip_bomb(b'<svg xmlns="http://www.w3.org/2000/svg"><!--', 600)),
                     (".png", gzip_bomb(b"", 50))],
           "mnist": [(".gz", gzip_bomb(struct.pack(">IIII", 0x803, 60000, 28, 28), 2000))]}
    return out[reader]


def deep_nesting(reader: str) -> list[tuple[str, bytes]]:
    depth = 200_000
    if reader == "image":
        svg = (b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">' + b"<g>" * depth
               + b"</g>" * depth + b"</svg>")
        return [(".svg", svg), (".svgz", gzip.compress(svg))]
    if reader == "model":
        nested = b"\x80\x02" + b"]" * depth + b"." # EMPTY_LIST opcodes, never appended
        metadata = npy_header((), "<U" + str(2 * depth)) + ("[" * depth + "]" * depth).encode(
            "utf-32-le")
        npz = io.BytesIO()
        with zipfile.ZipFile(npz, "w") as archive:
            archive.writestr("metadata.npy", metadata)
        return [(".pkl", nested), (".pkl", b"\x80\x02" + b"(" * depth + b"l" * depth + b"."),
                (".npz", npz.getvalue())]
    if reader == "personal":
        info = npy_header((), "<U" + str(2 * depth)) + ("[" * depth + "]" * depth).encode(
            "utf-32-le")
        npz = io.BytesIO()
        with zipfile.ZipFile(npz, "w") as archive:
            archive.writestr("info.npy", info)
        csv = b"file,label,id,created,strokes\nx.png,1,0,0," + b"[" * depth + b"]" * depth + b"\n"
        zipped = io.BytesIO()
        with zipfile.ZipFile(zipped, "w") as archive:
            archive.writestr("samples.csv", csv)
        return [(".npz", npz.getvalue()), (".zip", zipped.getvalue())]
    return []


def wrong_types(all_seeds: dict) -> dict[str, list[tuple[str, bytes]]]:
    """Every other kind's seeds under this reader's suffix."""
    out = {}
    for reader, suffix in SUFFIXES.items():
        out[reader] = [(suffix, content) for other, files in all_seeds.items() if other != reader
                       for _, content in files] + [(suffix, b""), (suffix, b"\0" * 4096)]
    return out


def make_corpus(folder: Path, rng: np.random.Generator, mutants: int = 10) -> list[tuple[str, Path]]:
    """Write the corpus to folder; [(reader, path)] of every file."""
    folder.mkdir(parents=True, exist_ok=True)
    all_seeds = seeds(rng)
    corpus = []

    def add(reader: str, name: str, content: bytes) -> None:
        path = folder / reader / f"{len(corpus):05d}-{name}"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(content)
        corpus.append((reader, path))

    others = wrong_types(all_seeds)
    for reader, files in all_seeds.items():
        for name, content in files:
            add(reader, name, content)
            for kind, variants in (("cut", truncations(content, rng)),
                                   ("flip", flips(content, rng, mutants)),
                                   ("lie", lying_headers(name, content))):
                for variant in variants:
                    add(reader, f"{kind}-{name}", variant)
        for kind, variants in (("bomb", bombs(reader)), ("deep", deep_nesting(reader)),
                               ("wrong", others[reader])):
            for suffix, content in variants:
                add(reader, f"{kind}{suffix}", content)
    return corpus


def digest(folder: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# -- the child -----------------------------------------------------------------------------------

_CHILD = """
import json, os, resource, sys
{setup}
limit = {address_space}
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
results = []
for path in sorted(os.listdir({folder!r})):
    full = os.path.join({folder!r}, path)
    try:
        read(full)
        outcome, message = "loaded", ""
    except BaseException as error:
        outcome = f"{{type(error).__module__}}.{{type(error).__name__}}"
        message = str(error)
    results.append({{"file": path, "outcome": outcome, "message": message[:300]}})
peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - baseline) / 1024
print(json.dumps({{"results": results, "grown_mb": peak, "baseline_mb": baseline / 1024}}))
"""


def read_in_child(folder: Path, reader: str, address_space_gb: float = 3.0,
                  timeout: float = 600.0) -> dict:
    """Read every file of folder/reader in a fresh Python: {"results": [...], "grown_mb": ...}."""
    setup, _ = READERS[reader]
    code = _CHILD.format(root=str(ROOT), setup=setup, folder=str(folder / reader),
                         address_space=int(address_space_gb * 1024 ** 3))
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1",
               QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=timeout, env=env, check=False)
    if done.returncode != 0 or not done.stdout.strip():
        return {"results": [], "grown_mb": None,
                "crash": f"exit {done.returncode}: {done.stderr[-1500:]}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def problems(reader: str, report: dict, max_grown_mb: float) -> list[str]:
    """What the reader did wrong on the corpus ([] when nothing)."""
    if "crash" in report:
        return [f"the child crashed: {report['crash']}"]
    expected = READERS[reader][1]
    found = []
    for result in report["results"]:
        if result["outcome"] == "loaded":
            continue
        shown = result["file"].split("-", 1)[1]
        if result["outcome"] != expected:
            found.append(f"{result['file']}: {result['outcome']}: {result['message'][:200]}")
        elif "\n" in result["message"] or not result["message"].strip():
            found.append(f"{result['file']}: the message is not one line: {result['message']!r}")
        elif shown not in result["message"] and result["file"] not in result["message"]:
            found.append(f"{result['file']}: the message does not name the file: "
                         f"{result['message'][:200]!r}")
    if report["grown_mb"] is not None and report["grown_mb"] > max_grown_mb:
        found.append(f"peak memory grew by {report['grown_mb']:.0f} MB (limit {max_grown_mb})")
    return found
