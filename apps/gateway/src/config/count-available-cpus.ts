import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';

export interface CpuCountSources {
  /** CPUs the scheduler lets this process run on (affinity); default `os.availableParallelism()`. */
  parallelism?: number;
  /** Where the cgroup filesystem is mounted; default `/sys/fs/cgroup`. */
  cgroupRoot?: string;
  /** Text of `/proc/self/cgroup` (the cgroups this process is in); default: read from /proc. */
  selfCgroup?: string;
}

const V1_CPU_CONTROLLERS = ['cpu', 'cpu,cpuacct', 'cpuacct,cpu'];

/**
 * How many CPUs this process may use: `os.availableParallelism()` (CPU affinity) capped by the cgroup
 * CPU quota, at least 1. A container started with `--cpus 2` (or compose `cpus: '2'`) on a 16-core host
 * sees 16 CPUs in `availableParallelism()` but may only use two: its quota says so.
 */
export function countAvailableCpus(sources: CpuCountSources = {}): number {
  const parallelism = sources.parallelism ?? availableParallelism();
  const selfCgroup = sources.selfCgroup ?? readText('/proc/self/cgroup') ?? '';
  const limit = readCgroupCpuLimit(sources.cgroupRoot ?? '/sys/fs/cgroup', selfCgroup);
  return Math.max(1, Math.min(parallelism, limit ?? Number.POSITIVE_INFINITY));
}

/**
 * The tightest CPU quota over this process's cgroup and its ancestors, rounded up to whole CPUs;
 * undefined when none is set or nothing can be read. cgroup v2: `cpu.max` (`max 100000` or
 * `<quota> <period>`); v1: `cpu.cfs_quota_us` (`-1` = none) over `cpu.cfs_period_us`. Inside a
 * container the cgroup path in /proc may not exist under the mount (the mount root is the
 * container's own cgroup); walking up to the mount root covers both that and a plain host.
 */
export function readCgroupCpuLimit(cgroupRoot: string, selfCgroup: string): number | undefined {
  const limits: number[] = [];
  const v2Path = /^0::(\/.*)$/m.exec(selfCgroup)?.[1];
  for (const dir of selfAndAncestors(cgroupRoot, v2Path ?? '/')) {
    const limit = parseCpuMax(readText(join(dir, 'cpu.max')));
    if (limit !== undefined) limits.push(limit);
  }
  const v1Path = selfCgroup
    .split('\n')
    .map((line) => /^\d+:([^:]*):(\/.*)$/.exec(line))
    .find((match) => match?.[1]?.split(',').includes('cpu'))?.[2];
  for (const controller of V1_CPU_CONTROLLERS) {
    for (const dir of selfAndAncestors(join(cgroupRoot, controller), v1Path ?? '/')) {
      const limit = toCpus(
        readText(join(dir, 'cpu.cfs_quota_us')),
        readText(join(dir, 'cpu.cfs_period_us')),
      );
      if (limit !== undefined) limits.push(limit);
    }
  }
  return limits.length === 0 ? undefined : Math.min(...limits);
}

function parseCpuMax(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const [quota, period] = text.trim().split(/\s+/);
  return toCpus(quota, period ?? '100000');
}

function toCpus(quotaText: string | undefined, periodText: string | undefined): number | undefined {
  if (quotaText === undefined || periodText === undefined) return undefined;
  const quota = Number(quotaText.trim());
  const period = Number(periodText.trim());
  // `max` (v2) and `-1` (v1) mean no quota; anything unreadable is ignored rather than trusted.
  if (!Number.isFinite(quota) || !Number.isFinite(period) || quota <= 0 || period <= 0)
    return undefined;
  return Math.ceil(quota / period);
}

/** `root + path`, then each parent folder up to `root` itself. */
function selfAndAncestors(root: string, path: string): string[] {
  const segments = path
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.' && segment !== '..');
  const dirs: string[] = [];
  for (let length = segments.length; length >= 0; length--)
    dirs.push(join(root, ...segments.slice(0, length)));
  return dirs;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
