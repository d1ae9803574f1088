// The delivery procedures (outbox, connectors, upload, export, bundles) join the contract here.
export const deliveryApi = {};
export const deliveryTopics = {};
