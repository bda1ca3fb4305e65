package dev.parley.desktop.ui;

import dev.parley.desktop.model.RoomEntry;
import java.util.ArrayList;
import java.util.List;
import javax.swing.AbstractListModel;

/** The room list's rows, replaced whole from the session's {@code RoomDirectory} on each change. */
public final class RoomListModel extends AbstractListModel<RoomEntry> {
  private List<RoomEntry> rows = new ArrayList<>();

  void set(List<RoomEntry> entries) {
    int before = rows.size();
    rows = new ArrayList<>(entries);
    if (before > 0) {
      fireIntervalRemoved(this, 0, before - 1);
    }
    if (!rows.isEmpty()) {
      fireIntervalAdded(this, 0, rows.size() - 1);
    }
  }

  int indexOf(String room) {
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).room().equals(room)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public int getSize() {
    return rows.size();
  }

  @Override
  public RoomEntry getElementAt(int index) {
    return rows.get(index);
  }
}
