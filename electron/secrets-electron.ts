import { safeStorage } from 'electron';
import type { SecretCipher } from './sync';

/**
 * CRM credentials under the OS's protection through Electron's safeStorage: the macOS
 * Keychain, Windows DPAPI, or the Secret Service / KWallet on Linux. Where Linux has no keyring,
 * Chromium falls back to `basic_text`, which only obfuscates: the secret store refuses that
 * backend until the user has agreed in Settings (then we tell safeStorage to go ahead).
 */
export function safeStorageCipher(): SecretCipher {
  const backend = (): string => {
    if (process.platform === 'darwin') return 'keychain';
    if (process.platform === 'win32') return 'dpapi';
    return safeStorage.getSelectedStorageBackend();
  };
  const weak = () => process.platform === 'linux' && ['basic_text', 'unknown'].includes(backend());
  return {
    backend,
    weak,
    available: () => safeStorage.isEncryptionAvailable() || weak(),
    encrypt(plain) {
      if (weak()) safeStorage.setUsePlainTextEncryption(true);
      return safeStorage.encryptString(plain);
    },
    decrypt(data) {
      if (weak()) safeStorage.setUsePlainTextEncryption(true);
      return safeStorage.decryptString(Buffer.from(data));
    },
  };
}
