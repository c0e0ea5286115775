"""The explorer's widgets."""

from tui.widgets.detail_pane import DetailPane
from tui.widgets.key_bar import KeyBar
from tui.widgets.state_list import StateList
from tui.widgets.totals_footer import TotalsFooter

__all__ = ["DetailPane", "KeyBar", "StateList", "TotalsFooter"]
