// cache.js: the answers of the server, once per request. An entry is
// {pending: true}, {answer} or {error}; want() starts a request the first
// time a key is asked for and calls onSettle() when any request settles,
// so the wiring can derive the picture again.

/**
 * createCache returns {want(key, fetch, {quiet}), get(key), drop(key)}.
 * fetch() returns a promise of the answer. onError(error) hears the
 * failures of requests not marked quiet; an aborted request is forgotten,
 * so asking again fetches again.
 */
export function createCache({ onSettle = () => {}, onError = () => {} } = {}) {
  const entries = new Map();
  return {
    want(key, fetch, { quiet = false } = {}) {
      const have = entries.get(key);
      if (have) return have;
      const entry = { pending: true };
      entries.set(key, entry);
      fetch().then(
        (answer) => {
          if (entries.get(key) === entry) entries.set(key, { answer });
          onSettle(key);
        },
        (error) => {
          if (entries.get(key) !== entry) return;
          if (error && error.name === "AbortError") entries.delete(key);
          else {
            entries.set(key, { error });
            if (!quiet) onError(error);
          }
          onSettle(key);
        },
      );
      return entry;
    },
    get: (key) => entries.get(key) || null,
    drop: (key) => entries.delete(key),
  };
}
