import fs from "node:fs";

/** The inode of the socket listening on `port` (IPv4 or IPv6), from /proc/net/tcp*. */
export function listenerInode(tables: readonly string[], port: number): string | null {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  for (const table of tables) {
    for (const line of table.split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      // local_address is "ADDR:PORT", st 0A is LISTEN, the inode is the tenth column.
      if (cols[1]?.endsWith(`:${hexPort}`) && cols[3] === "0A" && cols[9] && cols[9] !== "0") return cols[9];
    }
  }
  return null;
}

/** The process listening on `port` on this machine, or null (another user's process cannot be read). */
export function findListenerPid(port: number): number | null {
  const tables = ["/proc/net/tcp", "/proc/net/tcp6"].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f, "utf8"));
  const inode = listenerInode(tables, port);
  if (!inode) return null;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (fs.readlinkSync(`/proc/${entry}/fd/${fd}`) === `socket:[${inode}]`) return Number(entry);
      } catch {
        // The descriptor closed meanwhile.
      }
    }
  }
  return null;
}

/** VmRSS of a process in kB, or null once it is gone. */
export function readRssKb(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}
