// The TCP port a process tree listens on, read from /proc (Linux). The gateway announces its URL in
// a log line, but its pino destination buffers up to 4 KiB before writing, so that line may not be
// on disk yet when the server is already listening: the socket table is the reliable source.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { processTree } from './process-stats.mjs';

const LISTEN = '0A';

function socketInodes(pid) {
  const inodes = new Set();
  let fds = [];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return inodes;
  }
  for (const fd of fds) {
    try {
      const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      if (target.startsWith('socket:[')) inodes.add(target.slice(8, -1));
    } catch {
      // fd closed meanwhile
    }
  }
  return inodes;
}

/** @returns {number | undefined} the first LISTEN port on 127.0.0.1 owned by the tree of rootPid */
export function findListeningPort(rootPid) {
  const inodes = new Set();
  for (const pid of processTree(rootPid)) for (const inode of socketInodes(pid)) inodes.add(inode);
  if (inodes.size === 0) return undefined;
  const table = readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1);
  for (const line of table) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 10 || fields[3] !== LISTEN || !inodes.has(fields[9])) continue;
    const [addressHex, portHex] = fields[1].split(':');
    if (addressHex === '0100007F') return Number.parseInt(portHex, 16);
  }
  return undefined;
}
