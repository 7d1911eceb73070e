/**
 * The machine's state for a benchmark's report: CPUs, node, the commit (and whether the work tree differs), memory
 * and load — printed before and after each run, as bench/README.md keeps it.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';

export function machine(): string {
  const sh = (cmd: string, args: string[]) => {
    try {
      return execFileSync(cmd, args, { encoding: 'utf8' }).trimEnd();
    } catch {
      return '(unavailable)';
    }
  };
  let commit = sh('git', ['rev-parse', '--short', 'HEAD']);
  if (sh('git', ['status', '--porcelain', '--untracked-files=no']) !== '') commit += ' (with uncommitted changes in the work tree)';
  return [
    `nproc: ${sh('nproc', [])} · cpu: ${os.cpus()[0]?.model ?? '?'} · node ${process.version} · commit ${commit}`,
    `free -m:\n${sh('free', ['-m'])}`,
    `uptime: ${sh('uptime', [])}`,
  ].join('\n');
}
