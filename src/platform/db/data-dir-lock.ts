import fs from 'node:fs';
import path from 'node:path';

/**
 * An exclusive lock on the embedded data folder. PGlite does not stop two processes from opening the
 * same folder, and the second one's writes are silently lost, so every process that opens it (server,
 * migrate, CLI) takes this lock first and a second process is refused with a clear message.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly holderPid: number,
  ) {
    super(
      `数据目录正被另一个进程（PID ${holderPid}）使用：${path.dirname(lockFile)}。` +
        `请先停止该进程，或用 DATA_DIR 指定另一个目录。` +
        ` (The data folder is in use by process ${holderPid}; stop it first or set DATA_DIR.)`,
    );
  }
}

export type DataDirLock = { file: string; release(): void };

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockDataDir(dir: string): DataDirLock {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'gongzhi.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        try {
          if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.on('exit', release);
      return { file, release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(fs.readFileSync(file, 'utf8').trim());
      if (isAlive(holder) && holder !== process.pid) throw new DataDirLockedError(file, holder);
      if (holder === process.pid) throw new DataDirLockedError(file, holder);
      fs.unlinkSync(file); // stale lock from a process that died: take it over
    }
  }
  throw new Error(`无法获得数据目录锁 ${file}`);
}
