import { Html5Qrcode, Html5QrcodeSupportedFormats } from 'html5-qrcode';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../app/i18n';
import { createRepeatFilter } from './repeat-filter';
import { ProblemNotice } from '../ui/ProblemNotice';

const READER_ID = 'qr-reader';
/** The camera sees a held-up code ten times a second; it is one capture until out of sight this long. */
const SAME_CODE_MS = 3000;

interface Camera {
  id: string;
  label: string;
}

type State = 'idle' | 'starting' | 'running';

/**
 * The QR camera (html5-qrcode's Html5Qrcode class, not its widget, so every word on screen
 * is ours). The chosen camera is remembered in the device settings.
 */
export function CameraPanel(props: { savedCameraId: string | null; onCameraChosen(id: string): void; onDecode(text: string): void }) {
  const { t } = useI18n();
  const [cameras, setCameras] = useState<Camera[] | null>(null);
  const [cameraId, setCameraId] = useState(props.savedCameraId ?? '');
  const [state, setState] = useState<State>('idle');
  const [problem, setProblem] = useState<'none' | 'failed' | null>(null);
  const scanner = useRef<Html5Qrcode | null>(null);
  const filter = useRef(createRepeatFilter(SAME_CODE_MS));
  const onDecode = useRef(props.onDecode);
  onDecode.current = props.onDecode;

  async function findCameras(): Promise<Camera[]> {
    const found = await Html5Qrcode.getCameras();
    setCameras(found);
    setProblem(found.length === 0 ? 'none' : null);
    return found;
  }

  // Once camera access is granted, list the cameras without asking, so the saved one shows.
  useEffect(() => {
    let cancelled = false;
    navigator.permissions
      ?.query({ name: 'camera' as PermissionName })
      .then((status) => {
        if (!cancelled && status.state === 'granted') return findCameras();
        return undefined;
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(
    () => () => {
      const running = scanner.current;
      if (running?.isScanning) void running.stop().catch(() => undefined);
    },
    [],
  );

  async function start(preferred: string) {
    setProblem(null);
    setState('starting');
    try {
      const list = cameras ?? (await findCameras());
      const id = list.find((c) => c.id === preferred)?.id ?? list[0]?.id;
      if (!id) {
        setProblem('none');
        setState('idle');
        return;
      }
      setCameraId(id);
      scanner.current ??= new Html5Qrcode(READER_ID, {
        verbose: false,
        formatsToSupport: [Html5QrcodeSupportedFormats.QR_CODE],
      });
      if (scanner.current.isScanning) await scanner.current.stop();
      await scanner.current.start(
        id,
        { fps: 10, qrbox: 250 },
        (text) => {
          if (filter.current.accept(text, performance.now())) onDecode.current(text);
        },
        undefined,
      );
      setState('running');
      if (id !== props.savedCameraId) props.onCameraChosen(id);
    } catch {
      setProblem('failed');
      setState('idle');
    }
  }

  async function stop() {
    try {
      if (scanner.current?.isScanning) await scanner.current.stop();
    } finally {
      setState('idle');
    }
  }

  return (
    <section className="panel camera" aria-labelledby="camera-title">
      <h2 id="camera-title" className="panel__title">
        {t('capture.camera')}
      </h2>
      <div className="camera__controls">
        {cameras && cameras.length > 0 && (
          <label className="field">
            <span className="field__label">{t('capture.camera_choose')}</span>
            <select
              value={cameraId}
              onChange={(e) => {
                setCameraId(e.target.value);
                if (state === 'running') void start(e.target.value);
              }}
            >
              {cameras.map((camera, i) => (
                <option key={camera.id} value={camera.id}>
                  {camera.label || t('capture.camera_unnamed', { number: i + 1 })}
                </option>
              ))}
            </select>
          </label>
        )}
        {state === 'running' ? (
          <button type="button" className="button" onClick={() => void stop()}>
            {t('capture.camera_stop')}
          </button>
        ) : (
          <button type="button" className="button button--primary" disabled={state === 'starting'} onClick={() => void start(cameraId)}>
            {t('capture.camera_start')}
          </button>
        )}
      </div>
      <ProblemNotice problem={problem && t(problem === 'none' ? 'capture.camera_none' : 'capture.camera_failed')} />
      <div className={state === 'running' ? 'camera__view camera__view--on' : 'camera__view'}>
        <div id={READER_ID} data-testid="camera-view" />
        {state === 'running' && <p className="camera__hint">{t('capture.camera_hint')}</p>}
      </div>
    </section>
  );
}
