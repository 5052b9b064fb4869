/**
 * The committee paper's inputs, checked once for every surface (CLI options, the dashboard's form): blank
 * fields are left out, recommendations come one a line, and a bad input is refused naming its field.
 */
import { ValidationError } from '../../src/domain/errors';
import { readPaperOptions } from '../../src/reports/paper-options';

describe('the paper options', () => {
  test('when every input is given, then each reaches the paper, the date read as UK dates are', () => {
    expect(
      readPaperOptions({
        title: '  Progress update, July 2020 ',
        committee: "Families and Children's Overview and Scrutiny Committee",
        meeting: 'FACS OSC',
        date: '16/07/2020',
        author: 'Executive Director of Children’s Services',
        marking: 'OFFICIAL-SENSITIVE',
        recommendations: 'Acknowledge the progress made.\r\n\n- Identify any areas for additional scrutiny',
      }),
    ).toEqual({
      title: 'Progress update, July 2020',
      committee: "Families and Children's Overview and Scrutiny Committee",
      meeting: 'FACS OSC',
      date: '2020-07-16',
      author: 'Executive Director of Children’s Services',
      protectiveMarking: 'OFFICIAL-SENSITIVE',
      recommendations: ['Acknowledge the progress made.', 'Identify any areas for additional scrutiny'],
    });
  });

  test('when fields are blank, then they are left out and the paper uses its defaults', () => {
    expect(readPaperOptions({ title: ' ', date: '', recommendations: '\n \n' })).toEqual({});
    expect(readPaperOptions({ recommendations: ['Note the progress', 'Agree the next steps'] })).toEqual({
      recommendations: ['Note the progress', 'Agree the next steps'],
    });
  });

  test('when inputs are wrong, then every problem is named by its field and nothing is returned', () => {
    const attempt = () =>
      readPaperOptions({
        date: '12/31/2020',
        committee: 'x'.repeat(201),
        title: ['one', 'two'],
        recommendations: Array.from({ length: 11 }, (_, i) => `Recommendation ${i + 1}`).join('\n'),
      });
    expect(attempt).toThrow(ValidationError);
    try {
      attempt();
    } catch (error) {
      expect((error as ValidationError).issues).toEqual([
        { field: 'title', reason: 'must be given once, as text' },
        { field: 'committee', reason: 'must be at most 200 characters' },
        { field: 'date', reason: '"12/31/2020" looks month-first; dates are day-first, like 31/12/2024' },
        { field: 'recommendations', reason: 'at most 10, one a line' },
      ]);
    }
  });
});
