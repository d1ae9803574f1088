// The hand-off procedures (CSV export, device bundles) join the contract here.
export const handoffApi = {};
