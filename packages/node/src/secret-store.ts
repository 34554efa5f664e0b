/**
 * Secrets encrypted at rest: AES-256-GCM with a random 256-bit key in the home's `secrets.key`
 * (mode 0600, created with O_EXCL so two runs never make two keys), ciphertexts in `secrets.json`
 * (mode 0600, written atomically). The OS keychain is not used: the Linux machines this runs on have
 * no keychain service (no Secret Service daemon), so a key file only the user can read is the
 * protection, and a key file that others can read is refused.
 *
 * Each value gets a fresh 96-bit IV, and the servlet's name and the key are authenticated data: a
 * ciphertext copied to another servlet or another key fails to decrypt instead of leaking there.
 * Values never appear in errors.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { closeSync, fstatSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { writeFileAtomicSync } from './atomic-write.js';
import type { HomePaths } from './home.js';
import { withLock } from './lock.js';

const KEY_BYTES = 32;
const IV_BYTES = 12;

/** One encrypted value. */
interface SecretEntry {
  servlet: string;
  key: string;
  /** base64 of the IV, the GCM tag and the ciphertext. */
  iv: string;
  tag: string;
  data: string;
}

/** The secrets file: a list, not an object keyed by name, so no key (such as `__proto__`) is special. */
interface SecretsFile {
  version: 1;
  entries: SecretEntry[];
}

/** What is authenticated with each value: it binds the ciphertext to its servlet and key. */
function associatedData(servlet: string, key: string): Buffer {
  return Buffer.from(JSON.stringify(['mcp-wasm secret v1', servlet, key]));
}

/** Secrets of the servlets installed in one home. */
export class SecretStore {
  constructor(private readonly home: HomePaths) {}

  /** Encrypts and stores `value` as `servlet`'s secret `key`, replacing any previous value. */
  async setSecret(servlet: string, key: string, value: string): Promise<void> {
    await withLock(this.home, async () => {
      const file = this.readFile();
      const secretKey = this.loadKey(true)!;
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', secretKey, iv);
      cipher.setAAD(associatedData(servlet, key));
      const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
      const entry: SecretEntry = { servlet, key, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
      file.entries = [...file.entries.filter((other) => other.servlet !== servlet || other.key !== key), entry];
      this.writeFile(file);
    });
  }

  /** Removes `servlet`'s secret `key`; whether it was there. */
  async removeSecret(servlet: string, key: string): Promise<boolean> {
    return this.remove((entry) => entry.servlet === servlet && entry.key === key).then((count) => count > 0);
  }

  /** Removes every secret of `servlet` (at uninstall); how many there were. */
  async removeServletSecrets(servlet: string): Promise<number> {
    return this.remove((entry) => entry.servlet === servlet);
  }

  /** The keys of `servlet` that have a value, sorted. Never the values. */
  async listSecretKeys(servlet: string): Promise<string[]> {
    return this.readFile()
      .entries.filter((entry) => entry.servlet === servlet)
      .map((entry) => entry.key)
      .sort();
  }

  /**
   * The decrypted values of `servlet`'s secrets among `keys` that have one. Synchronous, for building a
   * context at the start of a guest call. Throws if a value cannot be decrypted (the file was altered,
   * or the key file replaced): failing is safer than handing the servlet something unauthenticated.
   */
  readSecrets(servlet: string, keys: readonly string[]): Map<string, string> {
    const values = new Map<string, string>();
    const wanted = this.readFile().entries.filter((entry) => entry.servlet === servlet && keys.includes(entry.key));
    if (wanted.length === 0) return values;
    const secretKey = this.loadKey(false);
    if (!secretKey) throw new Error(`${this.home.secretsKey} is missing, so the secrets in ${this.home.secrets} cannot be read: set them again with \`mcp-wasm secret set\``);
    for (const entry of wanted) {
      try {
        const decipher = createDecipheriv('aes-256-gcm', secretKey, Buffer.from(entry.iv, 'base64'));
        decipher.setAAD(associatedData(servlet, entry.key));
        decipher.setAuthTag(Buffer.from(entry.tag, 'base64'));
        values.set(entry.key, Buffer.concat([decipher.update(Buffer.from(entry.data, 'base64')), decipher.final()]).toString('utf8'));
      } catch {
        throw new Error(
          `secret ${entry.key} of ${servlet} cannot be decrypted: ${this.home.secrets} was altered or ${this.home.secretsKey} replaced; ` +
            `set it again with \`mcp-wasm secret set ${servlet} ${entry.key}\``,
        );
      }
    }
    return values;
  }

  private async remove(match: (entry: SecretEntry) => boolean): Promise<number> {
    return withLock(this.home, async () => {
      const file = this.readFile();
      const kept = file.entries.filter((entry) => !match(entry));
      const removed = file.entries.length - kept.length;
      if (removed > 0) this.writeFile({ ...file, entries: kept });
      return removed;
    });
  }

  private readFile(): SecretsFile {
    let text: string;
    try {
      text = readFileSync(this.home.secrets, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, entries: [] };
      throw error;
    }
    let file: SecretsFile;
    try {
      file = JSON.parse(text);
    } catch {
      throw new Error(`${this.home.secrets} is not valid JSON: restore it from a backup, or remove it and set the secrets again`);
    }
    if (file.version !== 1 || !Array.isArray(file.entries)) throw new Error(`${this.home.secrets} is not an mcp-wasm secrets file this version understands`);
    return file;
  }

  private writeFile(file: SecretsFile): void {
    writeFileAtomicSync(this.home.secrets, `${JSON.stringify(file, null, 2)}\n`, 0o600);
  }

  /** The encryption key; with `create`, made on first use. Refused when others could read it. */
  private loadKey(create: boolean): Buffer | undefined {
    if (create) {
      mkdirSync(this.home.root, { recursive: true, mode: 0o700 });
      try {
        // O_EXCL: if two runs race, one creates the key and the other reads it below.
        const fd = openSync(this.home.secretsKey, 'wx', 0o600);
        try {
          writeSync(fd, randomBytes(KEY_BYTES));
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    let fd: number;
    try {
      fd = openSync(this.home.secretsKey, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      // Checked on the open file, so the file read is the file checked.
      const info = fstatSync(fd);
      if ((info.mode & 0o077) !== 0) {
        throw new Error(
          `${this.home.secretsKey} can be read by other users (mode ${(info.mode & 0o777).toString(8)}), so it does not protect the secrets: ` +
            `run \`chmod 600 ${this.home.secretsKey}\`, and set the secrets again if someone else may have read it`,
        );
      }
      if (process.getuid && info.uid !== process.getuid()) {
        throw new Error(`${this.home.secretsKey} belongs to another user (uid ${info.uid}): it must be your own file, mode 600`);
      }
      const key = readFileSync(fd);
      if (key.length !== KEY_BYTES) {
        throw new Error(`${this.home.secretsKey} is not a ${KEY_BYTES}-byte key: restore it from a backup, or remove it and ${this.home.secrets}, then set the secrets again`);
      }
      return key;
    } finally {
      closeSync(fd);
    }
  }
}
