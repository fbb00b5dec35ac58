// The address plan, as the components use it: re-exported from the pure network module.

export * from "../optimizer/network/addressing";
