package io.mmatracker.topology.rules;

import java.util.ArrayList;
import java.util.List;

import io.mmatracker.schema.ObjectKind;
import io.mmatracker.schema.kind.Kind;
import io.mmatracker.schema.kind.KindCatalog;

/** The rules of every kind of the {@code KindCatalog}: a kind the topology tracks has exactly one here. */
public final class KindRules {

    private static final List<ObjectRules<?>> ALL = inCatalogOrder(List.of(new DataSourceRules(), new ScanRules(),
            new JobRules(), new TableRules(), new AsyncTaskRules(), new TaskRules()));

    private KindRules() {
    }

    /** The rules of every kind, in catalog order. */
    public static List<ObjectRules<?>> all() {
        return ALL;
    }

    public static ObjectRules<?> of(ObjectKind kind) {
        return ALL.stream().filter(r -> r.kind().objectKind() == kind).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no rules for kind " + kind));
    }

    /** The rules in catalog order; a kind of the catalog without rules (or with two) is a programming error. */
    static List<ObjectRules<?>> inCatalogOrder(List<ObjectRules<?>> rules) {
        List<ObjectRules<?>> ordered = new ArrayList<>();
        for (Kind<?, ?> kind : KindCatalog.all()) {
            List<ObjectRules<?>> found = rules.stream().filter(r -> r.kind() == kind).toList();
            if (found.size() != 1) {
                throw new IllegalStateException(found.size() + " rules for the kind " + kind + ", need exactly one");
            }
            ordered.add(found.get(0));
        }
        if (ordered.size() != rules.size()) {
            throw new IllegalStateException("rules for a kind that is not in the catalog: " + rules);
        }
        return List.copyOf(ordered);
    }
}
