"""A Python client of `spikestream serve`: receives every spike of the groups it asks for, and
sends a stimulus back once it has seen a given number of steps.

Usage: python3 examples/python-client/client.py ws://127.0.0.1:8080 [--group E] [--after 200]
       [--input 0 --value 32]
Needs Debian's python3-websockets (or `pip install websockets`). Prints one JSON object:
spikes received per group, the last step seen, and the step the server said the stimulus acts at.

Spike chunks are .spikes documents (docs/formats.md): the same reader serves files and sockets.
"""
import argparse
import asyncio
import json
import struct

import websockets


def read_spikes(b):
    """Reads a .spikes document from bytes: (first step, steps, {group: (steps, indices, size)})."""
    assert b[:4] == b'SSPK' and struct.unpack_from('<I', b, 4)[0] == 1, 'not a version-1 .spikes document'
    dt, start, steps, ngroups = struct.unpack_from('<dIII', b, 8)
    at, groups = 28, {}
    for _ in range(ngroups):
        (n,) = struct.unpack_from('<I', b, at)
        name = b[at + 4:at + 4 + n].decode()
        at += 4 + (n + 3) // 4 * 4
        size, count = struct.unpack_from('<II', b, at)
        at += 8
        step = struct.unpack_from(f'<{count}I', b, at); at += 4 * count
        index = struct.unpack_from(f'<{count}I', b, at); at += 4 * count
        groups[name] = (list(step), list(index), size)
    return start, steps, groups


async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('url')
    ap.add_argument('--group', action='append')
    ap.add_argument('--after', type=int, default=200, help='send the stimulus once this many steps were seen')
    ap.add_argument('--input', type=int, default=None, help='the stream input to send it to')
    ap.add_argument('--value', type=float, default=0.0)
    args = ap.parse_args()
    counts, last, acted_at, sent = {}, 0, None, False
    async with websockets.connect(args.url) as ws:
        async for message in ws:
            if isinstance(message, bytes):
                start, steps, groups = read_spikes(message)
                last = start + steps
                for name, (_, index, _) in groups.items():
                    counts[name] = counts.get(name, 0) + len(index)
                if args.input is not None and not sent and last >= args.after:
                    await ws.send(json.dumps({'type': 'input', 'input': args.input, 'value': args.value}))
                    sent = True
                continue
            m = json.loads(message)
            if m['type'] == 'hello':
                request = {'type': 'subscribe'}
                if args.group:
                    request['groups'] = args.group
                await ws.send(json.dumps(request))
            elif m['type'] == 'ack':
                acted_at = m['step']
            elif m['type'] in ('end', 'error'):
                break
    print(json.dumps({'spikes': counts, 'lastStep': last, 'stimulusStep': acted_at}))


asyncio.run(main())
