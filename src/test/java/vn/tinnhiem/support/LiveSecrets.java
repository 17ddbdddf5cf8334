package vn.tinnhiem.support;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import javax.security.auth.Destroyable;

import vn.tinnhiem.crypto.ShareCards;

/**
 * Walks everything reachable from some roots (beans, sessions) through the project's own classes, collections,
 * maps, arrays and references, and names every secret still alive: a share, a dealing or a secret scalar not
 * destroyed, or a share card's text. Library internals are not entered (their objects hold none of ours).
 */
public final class LiveSecrets {

    private LiveSecrets() {
    }

    public static List<String> reachableFrom(Object... roots) {
        List<String> found = new ArrayList<>();
        Map<Object, Boolean> seen = new IdentityHashMap<>();
        Deque<Object[]> todo = new ArrayDeque<>();
        for (Object root : roots) {
            todo.push(new Object[] {root, root.getClass().getSimpleName()});
        }
        while (!todo.isEmpty()) {
            Object[] next = todo.pop();
            Object o = next[0];
            String path = (String) next[1];
            if (o == null || seen.put(o, Boolean.TRUE) != null) {
                continue;
            }
            if (o instanceof Destroyable d && o.getClass().getName().startsWith("vn.tinnhiem.crypto")) {
                if (!d.isDestroyed()) {
                    found.add(path + " (" + o.getClass().getSimpleName() + ")");
                }
                continue;
            }
            if (o instanceof String s) {
                if (s.strip().startsWith(ShareCards.PREFIX)) {
                    found.add(path + " (share card text)");
                }
                continue;
            }
            if (o instanceof Collection<?> c) {
                int i = 0;
                for (Object e : c.toArray()) {
                    todo.push(new Object[] {e, path + "[" + i++ + "]"});
                }
            } else if (o instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> e : Map.copyOf(m).entrySet()) {
                    todo.push(new Object[] {e.getKey(), path + ".key"});
                    todo.push(new Object[] {e.getValue(), path + "[" + e.getKey() + "]"});
                }
            } else if (o instanceof Optional<?> opt) {
                opt.ifPresent(v -> todo.push(new Object[] {v, path + ".get"}));
            } else if (o instanceof AtomicReference<?> ref) {
                todo.push(new Object[] {ref.get(), path + ".get"});
            } else if (o.getClass().isArray() && !o.getClass().getComponentType().isPrimitive()) {
                for (int i = 0; i < Array.getLength(o); i++) {
                    todo.push(new Object[] {Array.get(o, i), path + "[" + i + "]"});
                }
            } else if (o.getClass().getName().startsWith("vn.tinnhiem.")) {
                for (Class<?> c = o.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
                    for (Field f : c.getDeclaredFields()) {
                        if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                            continue;
                        }
                        try {
                            f.setAccessible(true);
                            todo.push(new Object[] {f.get(o), path + "." + f.getName()});
                        } catch (ReflectiveOperationException | RuntimeException e) {
                            found.add(path + "." + f.getName() + " (unreadable: " + e + ")");
                        }
                    }
                }
            }
        }
        return found;
    }
}
