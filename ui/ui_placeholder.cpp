namespace sportello { int uiPlaceholder = 0; }
