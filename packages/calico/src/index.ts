export * from "./convert/index";
export * from "./model/index";
export {
  BUILT_IN_TIER_ORDERS,
  comparePolicies,
  comparePoliciesInTier,
  compareTiers,
  DEFAULT_TIER,
  type PolicyOrderKey,
  sortPolicies,
  type TierInfo,
  tierOf,
} from "./policy/order";
export * from "./validate/index";
export * from "./yaml/index";
