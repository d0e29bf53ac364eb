// CPU time and resident memory of a process and its descendants, read from /proc (Linux).
// utime + stime are in clock ticks (USER_HZ, 100 on Linux), so CPU time has 10 ms resolution: the
// benchmark divides it by thousands of requests, which makes the per-request figure precise enough.
import { readdirSync, readFileSync } from 'node:fs';

const CLOCK_TICKS_PER_SECOND = 100;
const PAGE_SIZE = 4096;

function readStat(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces: parse after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return {
      ppid: Number(fields[1]),
      utime: Number(fields[11]),
      stime: Number(fields[12]),
      rssPages: Number(fields[21]),
    };
  } catch {
    return undefined; // the process has exited
  }
}

/** The pid and all its live descendants (cluster workers are children of the primary). */
export function processTree(rootPid) {
  const parentOf = new Map();
  for (const entry of readdirSync('/proc')) {
    if (entry.charCodeAt(0) < 48 || entry.charCodeAt(0) > 57) continue;
    const stat = readStat(entry);
    if (stat) parentOf.set(Number(entry), stat.ppid);
  }
  const tree = [rootPid];
  for (let i = 0; i < tree.length; i++) {
    for (const [pid, ppid] of parentOf) if (ppid === tree[i]) tree.push(pid);
  }
  return tree.filter((pid) => parentOf.has(pid));
}

/** CPU seconds (user + system) and RSS bytes summed over the given pids. */
export function sampleProcesses(pids) {
  let ticks = 0;
  let rssBytes = 0;
  for (const pid of pids) {
    const stat = readStat(pid);
    if (!stat) continue;
    ticks += stat.utime + stat.stime;
    rssBytes += stat.rssPages * PAGE_SIZE;
  }
  return { cpuSeconds: ticks / CLOCK_TICKS_PER_SECOND, rssBytes };
}

/**
 * Samples RSS every `intervalMs` while a load runs, to find the peak; `stop()` returns the peak bytes.
 * The pid set is re-read on each sample so cluster workers are included.
 */
export function watchPeakRss(rootPid, intervalMs = 100) {
  let peak = sampleProcesses(processTree(rootPid)).rssBytes;
  const samples = [];
  const timer = setInterval(() => {
    const { rssBytes } = sampleProcesses(processTree(rootPid));
    samples.push({ t: Date.now(), rssBytes });
    if (rssBytes > peak) peak = rssBytes;
  }, intervalMs);
  return {
    samples,
    stop: () => {
      clearInterval(timer);
      return peak;
    },
  };
}
