package dev.keelson.api.patch;

import static dev.keelson.api.patch.Yaml.smp;
import static dev.keelson.api.patch.Yaml.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Cases from Kubernetes' {@code strategicpatch} tests (the apply half: a patch applied to the
 * original or current object gives the result), on the same test type {@link MergeItem}.
 */
class StrategicMergePatchKubernetesCasesTest {

  @Test
  void addAnItemInAListAndPreserveOrder() {
    assertThat(
            smp(
                MergeItem.class,
                """
                mergingList:
                  - name: 1
                    other: a
                  - name: 2
                    value: 2
                    other: b
                """,
                """
                $setElementOrder/mergingList:
                  - name: 3
                  - name: 1
                  - name: 2
                mergingList:
                  - name: 3
                    value: 3
                """))
        .isEqualTo(
            yaml(
                """
                mergingList:
                  - name: 3
                    value: 3
                  - name: 1
                    other: a
                  - name: 2
                    value: 2
                    other: b
                """));
  }

  @Test
  void deleteAndReorderInOneListReorderInAnother() {
    assertThat(
            smp(
                MergeItem.class,
                """
                mergingList:
                - name: a
                  value: a
                - name: b
                  value: b
                mergeItemPtr:
                - name: c
                  value: c
                - name: d
                  value: d
                """,
                """
                $setElementOrder/mergingList:
                - name: b
                $setElementOrder/mergeItemPtr:
                - name: d
                - name: c
                mergingList:
                - $patch: delete
                  name: a
                """))
        .isEqualTo(
            yaml(
                """
                mergingList:
                - name: b
                  value: b
                mergeItemPtr:
                - name: d
                  value: d
                - name: c
                  value: c
                """));
  }

  @Test
  void nestedPatchMergeWithEmptyList() {
    assertThat(
            smp(
                MergeItem.class,
                """
                name: hi
                mergingList:
                - name: hello2
                """,
                """
                $setElementOrder/mergingList:
                - name: hello
                - name: doesntexist
                mergingList:
                - name: hello
                """))
        .isEqualTo(
            yaml(
                """
                name: hi
                mergingList:
                - name: hello
                - name: hello2
                """));
    // Two-way: the list is new, and deleting an element that is not there is a no-op.
    assertThat(
            smp(
                MergeItem.class,
                "name: hi",
                """
                mergingList:
                - name: hello
                - $patch: delete
                  name: doesntexist
                """))
        .isEqualTo(yaml("name: hi\nmergingList:\n- name: hello\n"));
  }

  @Test
  void deleteItemsInListsOfScalars() {
    assertThat(
            smp(
                MergeItem.class,
                "mergingIntList: [1, 2, 3]",
                """
                $setElementOrder/mergingIntList: [1, 2]
                $deleteFromPrimitiveList/mergingIntList: [3]
                """))
        .isEqualTo(yaml("mergingIntList: [1, 2]"));
    assertThat(
            smp(
                MergeItem.class,
                "mergingIntList: [1, 2, 3]",
                """
                $setElementOrder/mergingIntList: [2, 1]
                $deleteFromPrimitiveList/mergingIntList: [3]
                """))
        .isEqualTo(yaml("mergingIntList: [2, 1]"));
  }

  @Test
  void setElementOrderContainsItemsNotPresentInTheList() {
    assertThat(
            smp(
                MergeItem.class,
                """
                mergingList:
                  - name: 1
                  - name: 3
                """,
                """
                $setElementOrder/mergingList:
                  - name: 3
                  - name: 2
                  - name: 1
                mergingList:
                  - name: 3
                    value: 3
                  - name: 1
                    value: 1
                """))
        .isEqualTo(
            yaml(
                """
                mergingList:
                  - name: 3
                    value: 3
                  - name: 1
                    value: 1
                """));
    assertThat(
            smp(
                MergeItem.class,
                "mergingIntList: [1, 3]",
                "$setElementOrder/mergingIntList: [3, 2, 1]"))
        .isEqualTo(yaml("mergingIntList: [3, 1]"));
  }

  @Test
  void setElementOrderWithDuplicatesKeepsTheirRelativeOrder() {
    assertThat(
            smp(
                MergeItem.class,
                """
                mergingList:
                - name: 1
                - name: 2
                  value: dup1
                - name: 3
                - name: 2
                  value: dup2
                - name: 4
                """,
                """
                $setElementOrder/mergingList:
                - name: 2
                - name: 1
                - name: 4
                - name: 3
                - name: 2
                """))
        .isEqualTo(
            yaml(
                """
                mergingList:
                - name: 2
                  value: dup1
                - name: 2
                  value: dup2
                - name: 1
                - name: 4
                - name: 3
                """));
  }

  @Test
  void retainKeysMapWithSetElementOrderKeepsServerItems() {
    assertThat(
            smp(
                MergeItem.class,
                """
                retainKeysMap:
                  name: foo
                  mergingList:
                  - name: a
                  - name: b
                  - name: c
                """,
                """
                retainKeysMap:
                  $retainKeys:
                    - mergingList
                    - name
                    - value
                  $setElementOrder/mergingList:
                    - name: a
                    - name: b
                  value: bar
                """))
        .isEqualTo(
            yaml(
                """
                retainKeysMap:
                  name: foo
                  value: bar
                  mergingList:
                  - name: a
                  - name: b
                  - name: c
                """));
  }

  @Test
  void retainKeysClearsFieldsNotListed() {
    assertThat(
            smp(
                MergeItem.class,
                """
                retainKeysMap:
                  name: foo
                  value: bar
                  other: x
                """,
                """
                retainKeysMap:
                  $retainKeys: [name, other]
                  other: y
                """))
        .isEqualTo(yaml("retainKeysMap: {name: foo, other: y}"));
  }

  @Test
  void mergingIntListIsASetUnionPatchOrderFirst() {
    // Kubernetes: "preserve the order from the patch in a merging int list".
    assertThat(smp(MergeItem.class, "mergingIntList: [1, 2, 3]", "mergingIntList: [3, 1]"))
        .isEqualTo(yaml("mergingIntList: [2, 3, 1]"));
    assertThat(smp(MergeItem.class, "mergingIntList: [1, 2]", "mergingIntList: [2, 4]"))
        .isEqualTo(yaml("mergingIntList: [1, 2, 4]"));
  }

  @Test
  void nonMergingListsAreReplaced() {
    assertThat(
            smp(
                MergeItem.class,
                "nonMergingList: [{name: a}, {name: b}]\nnonMergingIntList: [1, 2]",
                "nonMergingList: [{name: c}]\nnonMergingIntList: [3]"))
        .isEqualTo(yaml("nonMergingList: [{name: c}]\nnonMergingIntList: [3]"));
  }

  @Test
  void replaceDirectiveInAMergingListReplacesIt() {
    assertThat(
            smp(
                MergeItem.class,
                "mergingList: [{name: a, value: 1}, {name: b}]",
                "mergingList: [{name: c}, {$patch: replace}]"))
        .isEqualTo(yaml("mergingList: [{name: c}]"));
  }

  @Test
  void replaceDirectiveInAMapReplacesIt() {
    assertThat(
            smp(
                MergeItem.class,
                "simpleMap: {a: '1', b: '2'}\nname: n",
                "simpleMap: {c: '3', $patch: replace}"))
        .isEqualTo(yaml("simpleMap: {c: '3'}\nname: n"));
  }

  @Test
  void deleteDirectiveEmptiesAMapAsKubernetesDoes() {
    assertThat(smp(MergeItem.class, "simpleMap: {a: '1'}\nname: n", "simpleMap: {$patch: delete}"))
        .isEqualTo(yaml("simpleMap: {}\nname: n"));
    assertThat(smp(MergeItem.class, "name: n", "$patch: delete")).isEqualTo(yaml("{}"));
    assertThat(smp(MergeItem.class, "name: n", "simpleMap: {$patch: delete}"))
        .as("deleting a map that is not there adds nothing")
        .isEqualTo(yaml("name: n"));
  }

  @Test
  void nullDeletesAFieldAndANullForAMissingFieldIsIgnored() {
    assertThat(
            smp(
                MergeItem.class,
                "name: n\nvalue: v\nmergingList: [{name: a, value: x}]",
                "value: null\nother: null\nmergingList: [{name: a, value: null}]"))
        .isEqualTo(yaml("name: n\nmergingList: [{name: a}]"));
  }
}
