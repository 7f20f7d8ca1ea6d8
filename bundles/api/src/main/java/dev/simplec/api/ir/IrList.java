package dev.simplec.api.ir;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The one list class behind every list the IR records hold: immutable, no nulls, as
 * {@link List#copyOf} makes them. One class rather than the JDK's several (a list of one or two
 * elements, of more, the empty one): every compiler pass walks these lists, and a call site that
 * meets one class is inlined where one meeting three is a virtual call per element.
 */
final class IrList<T> extends AbstractList<T> implements RandomAccess {
    private static final IrList<?> EMPTY = new IrList<>(new Object[0]);
    /** The JDK's empty list, and its immutable lists' classes (of one or two elements; of more): their toArray is a fresh array, as ArrayList's. */
    private static final List<?> JDK_EMPTY = List.of();
    private static final Class<?> JDK_SHORT = List.of(0).getClass();
    private static final Class<?> JDK_LONG = List.of(0, 1, 2).getClass();

    private final Object[] elements;

    private IrList(Object[] elements) {
        this.elements = elements;
    }

    /** {@code list} itself when it is one already (immutable), else a copy; a null element is refused as {@link List#copyOf} does. */
    @SuppressWarnings("unchecked")
    static <T> List<T> copyOf(Collection<? extends T> list) {
        if (list instanceof IrList<?> same) {
            return (List<T>) same;
        }
        if (list == JDK_EMPTY) {
            return (List<T>) EMPTY; // most blocks' parameters: no call to ask
        }
        Class<?> c = list.getClass();
        Object[] a;
        if (c == ArrayList.class) {
            a = ((ArrayList<?>) list).toArray(); // the rewrites' lists: a direct call, not an interface one
        } else {
            a = list.toArray();
            if (c != JDK_SHORT && c != JDK_LONG) {
                a = a.clone(); // a collection of unknown make may keep the array it gave
            }
        }
        if (a.length == 0) {
            return (List<T>) EMPTY;
        }
        for (Object o : a) {
            Objects.requireNonNull(o);
        }
        return new IrList<>(a);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get(int index) {
        return (T) elements[index];
    }

    @Override
    public int size() {
        return elements.length;
    }

    @Override
    public boolean isEmpty() {
        return elements.length == 0;
    }

    @Override
    public Object[] toArray() {
        return elements.clone();
    }

    @Override
    public Iterator<T> iterator() {
        return new Iterator<T>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < elements.length;
            }

            @Override
            @SuppressWarnings("unchecked")
            public T next() {
                if (next >= elements.length) {
                    throw new NoSuchElementException();
                }
                return (T) elements[next++];
            }
        };
    }
}
