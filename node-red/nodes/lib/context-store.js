'use strict';

/**
 * One key of a node's context, read and written through the callback API, which every context store
 * supports (memory, localfilesystem with or without cache), as promises. Writes are queued in order.
 * @param {any} node
 * @param {string} key
 * @param {string} [store] the context store's name; the default store when empty
 */
function contextValue(node, key, store) {
  const context = node.context();
  const storeName = store || undefined;
  let queue = Promise.resolve();
  return {
    /** @returns {Promise<any>} */
    get() {
      return new Promise((resolve, reject) =>
        context.get(key, storeName, (/** @type {Error} */ err, /** @type {unknown} */ value) =>
          err ? reject(err) : resolve(value),
        ),
      );
    },
    /** @param {unknown} value */
    set(value) {
      const write = queue.then(
        () =>
          new Promise((resolve, reject) =>
            context.set(key, value, storeName, (/** @type {Error} */ err) =>
              err ? reject(err) : resolve(undefined),
            ),
          ),
      );
      queue = write.catch(() => undefined);
      return write;
    },
  };
}

module.exports = { contextValue };
