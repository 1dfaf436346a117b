import { blobDbFor, closeBlobDb } from './blob-db';
import { xhrPutBlob } from './blob-http';
import { createUploader } from './uploader';

/**
 * Runs the upload queue of one user store while its sync loop runs (one tab
 * leads: see db-context). Returns a stop function.
 */
export const startBlobUploads = (storeName: string, apiBase: string): (() => void) => {
  const uploader = createUploader({
    db: blobDbFor(storeName),
    put: xhrPutBlob(apiBase),
    now: () => Date.now(),
    timers: {
      setTimeout: (fn, ms) => window.setTimeout(fn, ms),
      clearTimeout: (h) => window.clearTimeout(h as number),
    },
  });
  uploader.start();
  const wake = () => void uploader.resume();
  window.addEventListener('online', wake);
  return () => {
    window.removeEventListener('online', wake);
    uploader.stop();
    closeBlobDb(storeName);
  };
};
