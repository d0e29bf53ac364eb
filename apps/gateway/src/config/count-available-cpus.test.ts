import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countAvailableCpus } from './count-available-cpus.js';

/** A fake cgroup mount: `{ 'cpu.max': '200000 100000' }` → files under a temp folder. */
function cgroupDir(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'map-cgroup-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), `${text}\n`);
  }
  return root;
}

describe('countAvailableCpus', () => {
  it('caps the CPUs Node sees by a cgroup v2 quota (a container limited to 2 CPUs on a 16-core host)', () => {
    const cgroupRoot = cgroupDir({ 'cpu.max': '200000 100000' });
    expect(countAvailableCpus({ parallelism: 16, cgroupRoot, selfCgroup: '0::/\n' })).toBe(2);
  });

  it('rounds a fractional quota up (--cpus 1.5 → 2 workers) and never goes below 1', () => {
    expect(
      countAvailableCpus({
        parallelism: 8,
        cgroupRoot: cgroupDir({ 'cpu.max': '150000 100000' }),
        selfCgroup: '0::/',
      }),
    ).toBe(2);
    expect(
      countAvailableCpus({
        parallelism: 8,
        cgroupRoot: cgroupDir({ 'cpu.max': '10000 100000' }),
        selfCgroup: '0::/',
      }),
    ).toBe(1);
  });

  it('keeps availableParallelism when the quota is "max" or larger than the CPUs available', () => {
    expect(
      countAvailableCpus({
        parallelism: 4,
        cgroupRoot: cgroupDir({ 'cpu.max': 'max 100000' }),
        selfCgroup: '0::/',
      }),
    ).toBe(4);
    expect(
      countAvailableCpus({
        parallelism: 4,
        cgroupRoot: cgroupDir({ 'cpu.max': '800000 100000' }),
        selfCgroup: '0::/',
      }),
    ).toBe(4);
  });

  it("takes the tightest quota over the process's cgroup and its ancestors (cgroup v2 on a host)", () => {
    const cgroupRoot = cgroupDir({
      'system.slice/cpu.max': '300000 100000',
      'system.slice/gateway.service/cpu.max': 'max 100000',
    });
    expect(
      countAvailableCpus({
        parallelism: 16,
        cgroupRoot,
        selfCgroup: '0::/system.slice/gateway.service\n',
      }),
    ).toBe(3);
  });

  it('reads cgroup v1 cpu.cfs_quota_us / cpu.cfs_period_us, also when the /proc path is not under the mount (a container)', () => {
    const cgroupRoot = cgroupDir({
      'cpu,cpuacct/cpu.cfs_quota_us': '300000',
      'cpu,cpuacct/cpu.cfs_period_us': '100000',
    });
    const selfCgroup =
      '12:memory:/docker/abc\n4:cpu,cpuacct:/docker/abc\n1:name=systemd:/docker/abc\n';
    expect(countAvailableCpus({ parallelism: 16, cgroupRoot, selfCgroup })).toBe(3);
    const unlimited = cgroupDir({
      'cpu/cpu.cfs_quota_us': '-1',
      'cpu/cpu.cfs_period_us': '100000',
    });
    expect(
      countAvailableCpus({ parallelism: 6, cgroupRoot: unlimited, selfCgroup: '1:cpu:/\n' }),
    ).toBe(6);
  });

  it('is availableParallelism when there is no cgroup filesystem or its files are unreadable', () => {
    expect(
      countAvailableCpus({
        parallelism: 3,
        cgroupRoot: join(tmpdir(), 'map-cgroup-missing'),
        selfCgroup: '',
      }),
    ).toBe(3);
    expect(
      countAvailableCpus({
        parallelism: 3,
        cgroupRoot: cgroupDir({ 'cpu.max': 'garbage' }),
        selfCgroup: '0::/',
      }),
    ).toBe(3);
    expect(countAvailableCpus({ parallelism: 0, cgroupRoot: cgroupDir({}), selfCgroup: '' })).toBe(
      1,
    );
  });
});
