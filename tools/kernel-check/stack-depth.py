#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
#
# Usage: stack-depth.py OBJDUMP OBJECT [--budget BYTES]
#                       [--assume-indirect F,G,...] ENTRY...
#
# Worst-case stack depth of ENTRY functions in a linked relocatable object
# (build/kernel-check/tcpinc_kernel.o: our glue, the engines and
# crypto-core's kernel library), from its disassembly:
#
#   frame(f)  = return address + pushes + every "sub $N, %rsp" of the
#               prologue + the total of a stack-probe loop ("sub $N, %r11"
#               then 4 KiB steps, what rustc emits for frames over a page)
#               + 32 bytes when the prologue aligns %rsp ("and $-32").
#   depth(f)  = frame(f) + max depth(g) over the direct calls and tail
#               jumps of f (relocation targets, or resolved <symbol>s).
#
# Indirect calls (function pointers, trait objects) cannot be followed;
# they are counted.  --assume-indirect names the functions our C code
# reaches through pointers (TEP callbacks, allocator, random source): they
# are taken as possible callees of every C function with an indirect call
# (Rust's indirect calls are core::fmt's, on the panic path only).  Recursion is cut at the first repeat and
# reported.  Functions outside the object (kernel KPI) count 0: the caller
# adds their real cost.  Prints, per entry, the depth and the deepest path;
# with --budget, exits 1 if an entry exceeds it.
import re
import subprocess
import sys

FUNC = re.compile(r'^[0-9a-f]+ <(.+)>:$')
INSN = re.compile(r'^\s+([0-9a-f]+):\s+(\S+)\s*(.*)$')
RELOC = re.compile(r'^\s+[0-9a-f]+:\s+R_X86_64_\w+\s+(\S+?)(?:[-+]0x[0-9a-f]+)?$')
SUB_RSP = re.compile(r'^\$(-?\d+|0x[0-9a-f]+), %rsp')
SUB_R11 = re.compile(r'^\$(\d+|0x[0-9a-f]+), %r11')
TARGET = re.compile(r'<([^>+]+)(?:\+0x[0-9a-f]+)?>')


def parse(objdump, obj):
    out = subprocess.run([objdump, '-d', '-r', '--no-show-raw-insn', obj],
                         check=True, capture_output=True, text=True).stdout
    funcs = {}
    cur = name = None
    pending = None      # resolved target of the last call/jmp, '' if none
    for line in out.splitlines():
        m = FUNC.match(line)
        if m:
            name = m.group(1)
            cur = {'frame': 8, 'calls': set(), 'indirect': 0, 'probe': False,
                   'align': False, 'refs': set()}
            funcs[name] = cur
            pending = None
            continue
        if cur is None:
            continue
        r = RELOC.match(line)
        if r:
            # The relocation names a relocated call's target; any other
            # code reference to a function (address taken, GOT load) is a
            # possible indirect callee, kept in 'refs'.
            tgt = r.group(1)
            if tgt.startswith('.text.'):
                tgt = tgt[len('.text.'):]
            if pending is not None:
                cur['calls'].add(tgt)
                pending = None
            else:
                cur['refs'].add(tgt)
            continue
        m = INSN.match(line)
        if not m:
            continue
        if pending:
            cur['calls'].add(pending)
        pending = None
        op, args = m.group(2), m.group(3)
        frame(cur, op, args)
        if op not in ('callq', 'call', 'jmp', 'jmpq'):
            continue
        if args.startswith('*%') or args.startswith('*0x') or \
                re.match(r'^\*-?\d*\(%r[^i]', args):
            if op in ('callq', 'call'):
                cur['indirect'] += 1
            continue
        t = TARGET.search(args)
        tgt = t.group(1) if t else None
        # A branch inside the function is not a call; a relocated target
        # shows a bogus <self+off>, named by the relocation line after it
        # ("call *(%rip)" through the GOT included).
        pending = '' if tgt in (None, name) or tgt.startswith('.') else tgt
    for f in funcs.values():
        f['refs'] = {x for x in f['refs'] if x in funcs} - f['calls']
        f['calls'] |= f['refs']
    return funcs


def frame(cur, op, args):
    # Shrink-wrapped prologues may follow early returns, so the whole body
    # is scanned: every push and every "sub $N, %rsp" counts (a transient
    # push or sub for stack arguments over-estimates a little: safe).
    m = SUB_RSP.match(args) if op == 'subq' else None
    if op == 'pushq':
        cur['frame'] += 8
    elif m:
        # Inside a probe loop the 4 KiB steps are covered by %r11's total.
        if not (cur['probe'] and int(m.group(1), 0) == 4096):
            cur['frame'] += int(m.group(1), 0)
    elif op == 'subq' and SUB_R11.match(args):
        cur['frame'] += int(SUB_R11.match(args).group(1), 0)
        cur['probe'] = True
    elif op == 'andq' and args.startswith('$-') and args.endswith('%rsp'):
        cur['align'] = True


def fix_align(funcs):
    for f in funcs.values():
        if f['align']:
            f['frame'] += 32


def depth(funcs, name, memo, stack, notes):
    if name in memo:
        return memo[name]
    f = funcs.get(name)
    if f is None:
        return (0, [name + ' (extern)'])
    if name in stack:
        notes.add('recursion through ' + name)
        return (0, [name + ' (recursion)'])
    stack.add(name)
    best = (0, [])
    for c in sorted(f['calls']):
        if c == name:
            continue
        d = depth(funcs, c, memo, stack, notes)
        if d[0] > best[0]:
            best = d
    stack.discard(name)
    res = (f['frame'] + best[0], [f'{name} [{f["frame"]}]'] + best[1])
    memo[name] = res
    return res


def reach_indirect(funcs, name, seen):
    if name in seen or name not in funcs:
        return 0
    seen.add(name)
    n = funcs[name]['indirect']
    for c in funcs[name]['calls']:
        n += reach_indirect(funcs, c, seen)
    return n


def main(argv):
    objdump, obj = argv[1], argv[2]
    args = argv[3:]
    budget = None
    assume = []
    while args[:1] in (['--budget'], ['--assume-indirect']):
        if args[0] == '--budget':
            budget = int(args[1])
        else:
            assume = [a for a in args[1].split(',') if a]
        args = args[2:]
    funcs = parse(objdump, obj)
    fix_align(funcs)
    for n, f in funcs.items():
        if f['indirect'] and not n.startswith('_R'):
            f['calls'] |= {a for a in assume if a in funcs and a != n}
    memo, notes = {}, set()
    over = 0
    for e in args:
        if e not in funcs:
            print(f'{e}: not defined in {obj}')
            over += 1
            continue
        d, path = depth(funcs, e, memo, set(), notes)
        ind = reach_indirect(funcs, e, set())
        flag = ''
        if budget is not None and d > budget:
            flag = f'  OVER BUDGET {budget}'
            over += 1
        print(f'{e}: {d} bytes worst case, {ind} indirect call sites '
              f'reachable{flag}')
        for p in path:
            print(f'    {p}')
    for n in sorted(notes):
        print('note:', n)
    return 1 if over else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
