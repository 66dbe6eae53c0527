"""Ukrainian and Russian name morphology: patronymics and feminine surnames, in Cyrillic.

A child of Петро is Петрович (son) or Петрівна (daughter) in Ukrainian, Петрович /
Петровна in Russian; a daughter of the Коваль­ський family is Ковальська / Ковальская. The
regular rules are below; the tables list the irregular patronymics (Микола -> Миколайович).
"""

from __future__ import annotations

__all__ = ["feminine_surname", "patronymic"]


def patronymic(father: str, lang: str, override: tuple[str, str] | None) -> tuple[str, str]:
    """The (masculine, feminine) patronymic formed from a father's given name.

    Parameters
    ----------
    father:
        The father's given name in Cyrillic, in the language ``lang``.
    lang:
        ``"uk"`` or ``"ru"``.
    override:
        The table's irregular forms, if any.

    Returns
    -------
    tuple of str
        For example ``("Андрійович", "Андріївна")`` for Андрій in Ukrainian.
    """
    if override is not None:
        return override
    name = father
    if lang == "uk":
        if name.endswith("ій"):
            return name + "ович", name[:-2] + "іївна"
        if name.endswith(("о", "а", "я")):
            return name[:-1] + "ович", name[:-1] + "івна"
        if name.endswith("ь"):
            return name + "ович", name[:-1] + "івна"
        return name + "ович", name + "івна"
    if name.endswith("ий") and len(name) > 2 and name[-3] not in "аеиоуыэюя":
        return name[:-2] + "ьевич", name[:-2] + "ьевна"
    if name.endswith(("ей", "ай", "ой")):
        return name[:-1] + "евич", name[:-1] + "евна"
    if name.endswith("ь"):
        return name[:-1] + "евич", name[:-1] + "евна"
    if name.endswith(("а", "я")):
        return name[:-1] + "ович", name[:-1] + "овна"
    return name + "ович", name + "овна"


def feminine_surname(name: str, lang: str) -> str:
    """The feminine form of a masculine surname (invariant surnames stay as they are).

    Parameters
    ----------
    name:
        Masculine surname in Cyrillic.
    lang:
        ``"uk"`` or ``"ru"``.

    Returns
    -------
    str
        ``Ковальська`` for Ковальський (uk), ``Иванова`` for Иванов; ``Шевченко`` unchanged.
    """
    if lang == "uk":
        if name.endswith("ий"):
            return name[:-2] + "а"
        if name.endswith(("ов", "ев", "єв", "ьов", "ін", "їн", "ин")):
            return name + "а"
        return name
    if name.endswith(("ий", "ый", "ой")):
        return name[:-2] + "ая"
    if name.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return name + "а"
    return name
