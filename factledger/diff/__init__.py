"""What changed between two ledgers: entries added, removed, changed (field by field) and renamed; the
findings that appear and disappear; how each question's positions, camps and spread moved; new
validation problems. Plain comparison of what loading and the cross-check gave for each side: no reading,
no printing."""
