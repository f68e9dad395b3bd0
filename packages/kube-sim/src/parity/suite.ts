import { afterAll, beforeAll, describe } from "vitest";
import { closeSuite, openSuite, paritySuite } from "./context";
import type { ParityTarget } from "./target";
import { describeAccess } from "./topics/access";
import { describeCrds } from "./topics/crds";
import { describeCrud } from "./topics/crud";
import { describeDiscovery } from "./topics/discovery";
import { describeLists } from "./topics/lists";
import { describeRequests } from "./topics/requests";
import { describeValidation } from "./topics/validation";
import { describeWatch } from "./topics/watch";

/**
 * The behaviour the BFF relies on, asserted through `@kubernetes/client-node` against any target: kube-sim in the
 * unit tier, the real kube-apiserver + etcd in the integration tier. A test that passes on one and fails on the
 * other is a difference in kube-sim to fix. One file per topic under topics/.
 */
export function defineParitySuite(label: string, getTarget: () => ParityTarget): void {
  describe(`Kubernetes API parity: ${label}`, () => {
    const suite = paritySuite();
    beforeAll(() => openSuite(suite, getTarget()));
    afterAll(() => closeSuite(suite));

    describeDiscovery(suite);
    describeCrud(suite);
    describeLists(suite);
    describeWatch(suite);
    describeValidation(suite);
    describeRequests(suite);
    describeCrds(suite);
    describeAccess(suite);
  });
}
