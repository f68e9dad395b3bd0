export {
  CONNECTION_ENV,
  CONTROL_PLANE_USERS,
  type ControlPlaneConnection,
  type ControlPlaneUser,
  connectionEnvFor,
  connectionFromEnv,
  parseConnection,
} from "./connection.js";
export {
  type ControlPlane,
  type ControlPlaneTimings,
  type StartControlPlaneOptions,
  startControlPlane,
} from "./control-plane.js";
export { type CrdManifest, type CrdSet, installCrds, loadCrdFile, loadCrdSet } from "./crds.js";
export { EDITOR_ROLE, VIEWER_ROLE } from "./rbac.js";
