package org.sparkxqa.core.fuzz;

import java.util.ArrayList;
import java.util.List;
import org.sparkxqa.core.Request;

/**
 * One generated batch: a spec and 1..n requests evaluated in one backend call.
 *
 * @param spec the shared spec
 * @param requests the requests, in batch order
 */
public record FuzzCase(FuzzSpec spec, List<FuzzRequest> requests) {

    /** The validated requests. */
    public List<Request> build() {
        List<Request> out = new ArrayList<>(requests.size());
        for (FuzzRequest r : requests) {
            out.add(r.request(spec.spec()));
        }
        return out;
    }

    @Override
    public String toString() {
        return spec + " " + requests;
    }
}
