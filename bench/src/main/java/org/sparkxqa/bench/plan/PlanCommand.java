package org.sparkxqa.bench.plan;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.DraftMask;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.gpu.kernel.LaunchPlan;
import org.sparkxqa.core.gpu.kernel.RequestShape;

/**
 * Plans one batch on the host, no GPU needed, and writes it with {@link PlanFiles}: what the cupy
 * harness launches instead of planning itself. Usage: {@code PlanCommand BATCH_FILE OUT_DIR}, where
 * the batch file has one line {@code spec QTYPE KVTYPE HQ HKV D WINDOW SCALE KSCALE VSCALE STAGES}
 * (types by ordinal, STAGES 0 for the planner's own depth; SM90 limits) and one line
 * {@code request LQ LK ROW...} per request (Lq draft-mask rows in hex, bit t = sees draft t);
 * {@code #} starts a comment. Exit code 2 on a bad batch, with the reason.
 */
public final class PlanCommand {
    private PlanCommand() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: PlanCommand BATCH_FILE OUT_DIR");
            System.exit(2);
        }
        try {
            write(Files.readAllLines(Path.of(args[0])), Path.of(args[1]));
        } catch (IllegalArgumentException e) {
            System.err.println("PlanCommand: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Plans the batch described by {@code lines} and writes it under {@code dir}. */
    static void write(List<String> lines, Path dir) throws IOException {
        AttentionSpec spec = null;
        int stages = 0;
        List<RequestShape> shapes = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.strip().split("\\s+");
            if (f[0].isEmpty() || f[0].startsWith("#")) {
                continue;
            }
            if (f[0].equals("spec") && f.length == 11) {
                ElementType[] types = ElementType.values();
                spec = AttentionSpec.of(
                                types[Integer.parseInt(f[1])],
                                Integer.parseInt(f[3]),
                                Integer.parseInt(f[4]),
                                Integer.parseInt(f[5]))
                        .withKvType(types[Integer.parseInt(f[2])])
                        .withWindow(Integer.parseInt(f[6]))
                        .withScale(Float.parseFloat(f[7]))
                        .withKvScales(Float.parseFloat(f[8]), Float.parseFloat(f[9]));
                stages = Integer.parseInt(f[10]);
            } else if (f[0].equals("request") && f.length >= 3) {
                int lq = Integer.parseInt(f[1]);
                if (f.length != 3 + lq) {
                    throw new IllegalArgumentException(
                            "request with Lq=" + lq + " has " + (f.length - 3) + " mask rows");
                }
                shapes.add(new RequestShape(lq, Integer.parseInt(f[2]), mask(f, lq)));
            } else {
                throw new IllegalArgumentException("cannot read line '" + line + "'");
            }
        }
        if (spec == null) {
            throw new IllegalArgumentException("no spec line");
        }
        LaunchPlan plan = LaunchPlan.ofShapes(spec, shapes);
        PlanFiles.write(dir, plan, stages == 0 ? plan.stages() : stages);
    }

    private static DraftMask mask(String[] f, int lq) {
        int words = DraftMask.wordsPerRow(lq);
        ByteBuffer packed = ByteBuffer.allocate(lq * words * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < lq; i++) {
            long row = Long.parseUnsignedLong(f[3 + i], 16);
            packed.putInt((int) row);
            if (words == 2) {
                packed.putInt((int) (row >>> 32));
            }
        }
        return DraftMask.fromPacked(packed.array(), lq);
    }
}
