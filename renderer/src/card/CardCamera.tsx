import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../app/i18n';
import { Dialog } from '../ui/Dialog';
import { ProblemNotice } from '../ui/ProblemNotice';

/**
 * The camera's view for photographing a card, full resolution (the QR scanner's stream is
 * small and cropped). The picture is a JPEG of the frame shown when the button is pressed.
 */
export function CardCamera(props: { cameraId: string | null; onClose(): void; onPhoto(photo: Blob): void }) {
  const { t, error } = useI18n();
  const video = useRef<HTMLVideoElement>(null);
  const [ready, setReady] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let stream: MediaStream | undefined;
    let cancelled = false;
    const constraints: MediaStreamConstraints = {
      video: {
        ...(props.cameraId ? { deviceId: { ideal: props.cameraId } } : { facingMode: { ideal: 'environment' } }),
        width: { ideal: 1920 },
        height: { ideal: 1080 },
      },
    };
    navigator.mediaDevices
      .getUserMedia(constraints)
      .then(async (s) => {
        stream = s;
        if (cancelled || !video.current) return;
        video.current.srcObject = s;
        await video.current.play();
        setReady(true);
      })
      .catch(() => setProblem(error('camera.unavailable')));
    return () => {
      cancelled = true;
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, [props.cameraId, error]);

  function take() {
    const v = video.current;
    if (!v || v.videoWidth === 0) return;
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    canvas.getContext('2d')?.drawImage(v, 0, 0);
    canvas.toBlob((blob) => blob && props.onPhoto(blob), 'image/jpeg', 0.92);
  }

  return (
    <Dialog open title={t('meishi.read_camera')} onClose={props.onClose}>
      <div className="card-camera">
        <video ref={video} className="card-camera__view" muted playsInline aria-label={t('meishi.camera_view')} />
        <ProblemNotice problem={problem} />
        <div className="actions">
          <button type="button" className="button button--primary" disabled={!ready} onClick={take}>
            {t('meishi.capture')}
          </button>
          <button type="button" className="button" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
