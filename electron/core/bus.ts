import type { Emit, TopicData, TopicName } from '../../shared/api';

export type Listener = (topic: TopicName, data: unknown) => void;

/** Fan-out of core events to whoever subscribed (an Electron window, an HTTP stream). */
export function createBus() {
  const listeners = new Set<Listener>();
  const emit: Emit = <T extends TopicName>(topic: T, data: TopicData<T>) => {
    for (const listener of listeners) {
      try {
        listener(topic, data);
      } catch {
        // A listener that went away (a closed window) must not break the capture that emitted.
      }
    }
  };
  return {
    emit,
    subscribe(listener: Listener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
export type Bus = ReturnType<typeof createBus>;
