"""PyTorch side of rnnkit's benchmark (Debian's python3-torch): the same workloads, driven by
bench.ts over stdin/stdout one JSON line per request, so the runs interleave with rnnkit's and
tf.layers' in the same benchmark run. Each request: {"workload": {...}, "reps": n} (or
{"peak": true}); each reply: {"samples": [{"wallMs": .., "cpuMs": ..}, ...]}."""

import json
import sys
import time

import torch

torch.manual_seed(0)
runners = {}


def train_runner(w):
    cell = {"LSTM": torch.nn.LSTM, "GRU": torch.nn.GRU, "SimpleRNN": torch.nn.RNN}[w["cell"]]
    rnn = cell(w["inputSize"], w["units"], batch_first=True)
    head = torch.nn.Linear(w["units"], 1)
    params = list(rnn.parameters()) + list(head.parameters())
    opt = torch.optim.Adam(params, lr=1e-3)
    x = torch.randn(w["batch"], w["steps"], w["inputSize"])
    y = torch.randn(w["batch"], 1)

    def run():
        opt.zero_grad()
        out, _ = rnn(x)
        loss = torch.nn.functional.mse_loss(head(out[:, -1, :]), y)
        loss.backward()
        opt.step()
        return loss.item()

    return run


def char_runner(w):
    vocab = w["vocab"]
    embed = torch.nn.Embedding(vocab, w["embedding"])
    rnn = torch.nn.LSTM(w["embedding"], w["units"], batch_first=True)
    head = torch.nn.Linear(w["units"], vocab)
    params = list(embed.parameters()) + list(rnn.parameters()) + list(head.parameters())
    opt = torch.optim.Adam(params, lr=1e-3)
    ids = torch.randint(0, vocab, (w["batch"], w["steps"]))
    targets = torch.randint(0, vocab, (w["batch"], w["steps"]))

    def run():
        opt.zero_grad()
        out, _ = rnn(embed(ids))
        loss = torch.nn.functional.cross_entropy(head(out).reshape(-1, vocab), targets.reshape(-1))
        loss.backward()
        opt.step()
        return loss.item()

    return run


def stream_runner(w):
    rnn = torch.nn.LSTM(1, w["units"], batch_first=True)
    head = torch.nn.Linear(w["units"], 1)
    inputs = [torch.tensor([[[float(t % 7) / 7.0]]]) for t in range(w["stepsPerSample"])]
    state = [None]

    def run():
        with torch.no_grad():
            for x in inputs:
                out, state[0] = rnn(x, state[0])
                y = head(out[:, -1, :]).item()
        return y

    return run


def peak():
    a = torch.randn(512, 512)
    b = torch.randn(512, 512)
    best = float("inf")
    for _ in range(7):
        t = time.process_time()
        torch.mm(a, b)
        best = min(best, time.process_time() - t)
    return 2 * 512**3 / best / 1e9


def main():
    blas = "generic" if "BLAS_INFO=generic" in torch.__config__.show() else "bundled"
    print(json.dumps({"ready": True, "version": torch.__version__, "threads": torch.get_num_threads(), "blas": blas}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        if request.get("peak"):
            print(json.dumps({"gflops": peak()}), flush=True)
            continue
        w = request["workload"]
        if w["id"] not in runners:
            kind = w["kind"]
            runners[w["id"]] = train_runner(w) if kind == "train" else char_runner(w) if kind == "char" else stream_runner(w)
        run = runners[w["id"]]
        samples = []
        for _ in range(request["reps"]):
            wall, cpu = time.perf_counter(), time.process_time()
            run()
            samples.append({"wallMs": (time.perf_counter() - wall) * 1000, "cpuMs": (time.process_time() - cpu) * 1000})
        print(json.dumps({"samples": samples}), flush=True)


main()
