import { useRef } from 'react';
import { formatBytes } from '@parley/protocol';
import { useI18n } from '../../i18n/i18n';
import type { DraftFile } from './useAttachments';

/** The files about to be sent: image thumbnails, names, sizes, state, and a remove button each. */
export function AttachmentTray({ files, error, onRemove }: { files: readonly DraftFile[]; error: string | null; onRemove: (key: string) => void }) {
  const { t } = useI18n();
  if (files.length === 0 && !error) return null;
  return (
    <div className="attach-tray">
      {files.length ? (
        <ul className="attach-list" aria-label={t('attach.list')}>
          {files.map((f) => (
            <li key={f.key} className={`attach-item is-${f.status}`} aria-busy={f.status === 'uploading'}>
              {f.previewUrl ? <img className="attach-thumb" src={f.previewUrl} alt={t('attach.preview', { name: f.name })} /> : <span className="attach-icon" aria-hidden="true">📄</span>}
              <span className="attach-name">{f.name}</span>
              <span className="attach-meta">{f.status === 'uploading' ? t('attach.uploading') : f.status === 'failed' ? t('attach.notUploaded') : formatBytes(f.size)}</span>
              <button type="button" className="btn btn-link attach-remove" aria-label={t('attach.remove', { name: f.name })} onClick={() => onRemove(f.key)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <p className="error-text attach-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** "Attach files": the system picker (several at once). */
export function AttachButton({ onFiles }: { onFiles: (files: File[]) => void }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="btn" onClick={() => input.current?.click()}>
        {t('attach.button')}
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        aria-label={t('attach.button')}
        onChange={(e) => {
          const picked = Array.from(e.target.files ?? []);
          e.target.value = '';
          onFiles(picked);
        }}
      />
    </>
  );
}
